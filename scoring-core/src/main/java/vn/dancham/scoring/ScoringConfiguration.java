package vn.dancham.scoring;

import org.jooq.DSLContext;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import vn.dancham.dossier.internal.DossierQueries;
import vn.dancham.dossier.internal.DossierWriter;
import vn.dancham.organisation.OrganisationChanges;
import vn.dancham.rating.internal.InboxSignal;
import vn.dancham.rating.internal.InboxWriter;
import vn.dancham.rating.internal.JooqRatingQuestions;
import vn.dancham.rating.internal.RatingRecorder;
import vn.dancham.rating.internal.RatingReviews;
import vn.dancham.scoring.internal.Aggregates;
import vn.dancham.scoring.internal.BroadLeagues;
import vn.dancham.scoring.internal.LeagueCache;
import vn.dancham.scoring.internal.LeagueClockJob;
import vn.dancham.scoring.internal.LeagueMarks;
import vn.dancham.scoring.internal.StaleSnapshots;
import vn.dancham.scoring.internal.StaleTrendsJob;
import vn.dancham.scoring.internal.Maintenance;
import vn.dancham.scoring.internal.NightlyScoringJob;
import vn.dancham.scoring.internal.ReadyLeagues;
import vn.dancham.scoring.internal.ScoreQueries;
import vn.dancham.scoring.internal.StoredScoringSettings;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.TimeZone;

/**
 * The scoring core's beans: dossiers, ratings and scores over the application's jOOQ {@link DSLContext} (which takes
 * part in Spring transactions) and its transaction manager. A {@link Clock} bean, when the application defines one,
 * is used for "now"; otherwise the system clock. The nightly job is registered as a durable Quartz job with a cron
 * trigger ({@code dancham.scoring.concerns.check-cron}, in {@code dancham.scoring.zone}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScoringProperties.class)
public class ScoringConfiguration {

    /**
     * The settings in force: configured values overlaid by what administrators stored ({@code app_setting}),
     * re-read at most every 10 seconds (a change on this node applies at once, on other nodes within that time).
     */
    @Bean
    StoredScoringSettings scoringSettings(DSLContext dsl, PlatformTransactionManager transactions,
                                          ScoringProperties properties) {
        return new StoredScoringSettings(dsl, transactions, properties, Duration.ofSeconds(10));
    }

    @Bean
    Aggregates scoringAggregates(DSLContext dsl, ScoringProperties properties) {
        return new Aggregates(dsl, properties);
    }

    /** Marks trend points stale on late changes the aggregates do not see (a complaint's verdict). */
    @Bean
    StaleTrends staleTrends(DSLContext dsl, ScoringProperties properties) {
        return new StaleSnapshots(dsl, properties.zone());
    }

    /**
     * Marks the league tables kept ready when an officer or an office moves, in the organisation's write
     * (docs/scoring.md "Pages from one read").
     */
    @Bean
    OrganisationChanges leagueMarks(DSLContext dsl) {
        return new LeagueMarks(dsl);
    }

    @Bean
    DossierQueries dossiers(DSLContext dsl, ObjectProvider<Clock> clock) {
        return new DossierQueries(dsl, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    DossierWriter dossierRegistry(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates) {
        return new DossierWriter(dsl, transactions, aggregates);
    }

    /** Wakes this node's rating writer after each answer kept on the caller's time. */
    @Bean
    InboxSignal ratingInboxSignal() {
        return new InboxSignal();
    }

    @Bean
    RatingRecorder ratings(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates,
                           ApplicationEventPublisher events, ObjectProvider<Clock> clock,
                           ScoringSettings settings, InboxSignal signal) {
        return new RatingRecorder(dsl, transactions, aggregates, events, clock.getIfAvailable(Clock::systemUTC),
                settings, signal);
    }

    /**
     * The rating writer (docs/reliability.md, "The answer pipeline"): batches of up to
     * {@code dancham.scoring.writer.batch-size} answers (default 500; up to three advisory locks each, held to the
     * batch's commit), gathered for up to {@code dancham.scoring.writer.linger} (default 200 ms) after the first
     * answer kept on this node unless a full batch comes sooner, a poll every {@code dancham.scoring.writer.poll}
     * (default 1 s) for answers no nudge announced (kept by another node).
     */
    @Bean
    InboxWriter ratingWriter(DSLContext dsl, PlatformTransactionManager transactions, RatingRecorder ratings,
                             Aggregates aggregates, InboxSignal signal, ScoreQueries scores,
                             ScoringProperties properties) {
        // After its batches the writer computes again up to 50 of the league tables they made stale, the most
        // viewed first, never the broad ones (minutes each at the country size): the rest wait for their next view
        // or the periodic refresh.
        return new InboxWriter(dsl, transactions, ratings, aggregates, signal, properties.writer().batchSize(),
                properties.writer().poll(), properties.writer().linger(),
                () -> scores.refreshReadyExceptBroad(LEAGUES_AFTER_BATCH));
    }

    /** League tables the rating writer computes again after its batches, at most (the most viewed first). */
    static final int LEAGUES_AFTER_BATCH = 50;

    @Bean
    ReadyLeagues readyLeagues(DSLContext dsl, PlatformTransactionManager transactions, ObjectProvider<Clock> clock,
                              ObjectProvider<LeagueCache> cache, ScoringProperties properties) {
        ScoringProperties.Leagues leagues = properties.leagues();
        return new ReadyLeagues(dsl, transactions, clock.getIfAvailable(Clock::systemUTC), cache.getIfAvailable(),
                new BroadLeagues(leagues.broadFrom(), leagues.broadEvery()));
    }

    /**
     * The league tables held decoded in this node's memory, dropped when the database notifies (docs/scoring.md
     * § 9c); none when {@code dancham.scoring.league-cache.entries} is 0. It listens on a connection of its own,
     * opened like the pool's but outside it (a pool would lend it out and retire it): the pool keeps its size.
     */
    @Bean(destroyMethod = "close")
    LeagueCache leagueCache(DataSource dataSource, ScoringProperties properties) {
        ScoringProperties.LeagueCache settings = properties.leagueCache();
        if (settings.entries() == 0) {
            return null;
        }
        return new LeagueCache(() -> dedicatedConnection(dataSource), settings.entries(), settings.retry());
    }

    /** A connection opened as the pool opens its own, but not lent by it. */
    private static Connection dedicatedConnection(DataSource dataSource) throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            if (hikari.getJdbcUrl() != null) {
                java.util.Properties info = new java.util.Properties();
                info.putAll(hikari.getDataSourceProperties());
                if (hikari.getUsername() != null) {
                    info.setProperty("user", hikari.getUsername());
                }
                if (hikari.getPassword() != null) {
                    info.setProperty("password", hikari.getPassword());
                }
                info.setProperty("ApplicationName", "dancham league cache");
                return DriverManager.getConnection(hikari.getJdbcUrl(), info);
            }
        }
        return dataSource.getConnection();
    }

    @Bean
    JooqRatingQuestions ratingQuestions(DSLContext dsl, PlatformTransactionManager transactions) {
        return new JooqRatingQuestions(dsl, transactions);
    }

    @Bean
    RatingReviews ratingReview(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates,
                               ObjectProvider<Clock> clock) {
        return new RatingReviews(dsl, transactions, aggregates, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ScoreQueries scores(DSLContext dsl, ScoringSettings settings, ObjectProvider<Clock> clock, ReadyLeagues ready) {
        return new ScoreQueries(dsl, settings, clock.getIfAvailable(Clock::systemUTC), ready);
    }

    @Bean
    Maintenance scoringMaintenance(DSLContext dsl, Aggregates aggregates, PlatformTransactionManager transactions,
                                   ScoringSettings settings, ApplicationEventPublisher events,
                                   ObjectProvider<Clock> clock, ScoreQueries scores) {
        return new Maintenance(dsl, aggregates, transactions, settings, events,
                clock.getIfAvailable(Clock::systemUTC), scores);
    }

    @Bean
    JobDetail nightlyScoringJobDetail() {
        return JobBuilder.newJob(NightlyScoringJob.class)
                .withIdentity("nightly-scoring", "scoring")
                .withDescription("Score snapshots for trends and the score-concern check")
                .storeDurably()
                .requestRecovery()
                .build();
    }

    @Bean
    JobDetail staleTrendsJobDetail() {
        return JobBuilder.newJob(StaleTrendsJob.class)
                .withIdentity("stale-trends", "scoring")
                .withDescription("Trend snapshots of past periods touched by late changes, taken again")
                .storeDurably()
                .build();
    }

    /**
     * Every five minutes: a late change shows in the trend within minutes, never blocking the request or call that
     * made it (a refresh recomputes whole periods), and one node runs it (clustered Quartz).
     */
    @Bean
    Trigger staleTrendsTrigger() {
        return TriggerBuilder.newTrigger()
                .forJob("stale-trends", "scoring")
                .withIdentity("stale-trends", "scoring")
                .withSchedule(org.quartz.SimpleScheduleBuilder.repeatMinutelyForever(5)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail leagueClockJobDetail() {
        return JobBuilder.newJob(LeagueClockJob.class)
                .withIdentity("league-clock", "scoring")
                .withDescription("League tables whose figures moved with time alone, marked")
                .storeDurably()
                .build();
    }

    /**
     * Every minute: an open stage passing its due time moves its tables' figures with no change to mark them; the
     * job marks them (cheap: the minute's stages, read by due time), so a page is at most about a minute behind that,
     * and no table is computed again merely for its age (docs/scoring.md § 9a).
     */
    @Bean
    Trigger leagueClockTrigger() {
        return TriggerBuilder.newTrigger()
                .forJob("league-clock", "scoring")
                .withIdentity("league-clock", "scoring")
                .withSchedule(org.quartz.SimpleScheduleBuilder.repeatMinutelyForever(1)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    Trigger nightlyScoringTrigger(JobDetail nightlyScoringJobDetail, ScoringProperties properties) {
        return TriggerBuilder.newTrigger()
                .forJob(nightlyScoringJobDetail)
                .withIdentity("nightly-scoring", "scoring")
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.concerns().checkCron())
                        .inTimeZone(TimeZone.getTimeZone(properties.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
