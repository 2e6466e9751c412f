package vn.dancham.ivr.agi;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.HealthIndicator;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import vn.dancham.calls.CallLog;
import vn.dancham.complaint.Complaints;
import vn.dancham.dossier.Dossiers;
import vn.dancham.escalation.DutyRoster;
import vn.dancham.ivr.hotline.HotlineFlow;
import vn.dancham.ivr.hotline.HotlineSettings;
import vn.dancham.ivr.hotline.OfficeDirectory;
import vn.dancham.ivr.journal.AnswerJournal;
import vn.dancham.complaint.ReportIncidents;
import vn.dancham.rating.RatingWriter;
import vn.dancham.ivr.journal.JournalReplayer;
import vn.dancham.ivr.prompts.NameAudio;
import vn.dancham.organisation.Organisation;
import vn.dancham.rating.Ratings;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/** The hotline on this node: its flow and the FastAGI server, unless {@code dancham.ivr.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "dancham.ivr", name = "enabled", havingValue = "true", matchIfMissing = true)
class IvrConfiguration {

    /** The hotline's own connection pool with its time limits, behind the application's DataSource. */
    @Bean
    static BeanPostProcessor hotlineDataSource(ObjectProvider<IvrProperties> properties) {
        return HotlineDataSource.wrapper(properties);
    }

    /** The hotline's pool in /actuator/prometheus beside the application's ({@code hikaricp_connections_*}). */
    @Bean
    MeterBinder hotlinePoolMetrics(ObjectProvider<DataSource> dataSources) {
        return registry -> dataSources.orderedStream().forEach(d -> HotlineDataSource.bindPoolMetrics(d, registry));
    }

    /** The hotline's pool to its full size once the application is ready (it starts small: PoolsFillWhenReady). */
    @Bean
    ApplicationListener<ApplicationReadyEvent> hotlinePoolFill(ObjectProvider<DataSource> dataSources) {
        return event -> dataSources.orderedStream().forEach(HotlineDataSource::fillWhenReady);
    }

    @Bean(destroyMethod = "close")
    AnswerJournal answerJournal(IvrProperties p) {
        return AnswerJournal.open(Path.of(p.journalDirectory()));
    }

    @Bean
    JournalReplayer journalReplayer(AnswerJournal journal, Ratings ratings, Complaints complaints, CallLog callLog,
                                    Dossiers dossiers, IvrProperties p) {
        return new JournalReplayer(journal, ratings, complaints, callLog, dossiers, p.journalMaxAttempts());
    }

    @Bean
    NodeTimer journalReplayLifecycle(JournalReplayer replayer, IvrProperties p) {
        return NodeTimer.journalReplay(replayer::replayNow, p.journalReplayInterval());
    }

    @Bean
    HealthIndicator journalHealthIndicator(AnswerJournal journal, HotlineFlow flow) {
        return new JournalHealthIndicator(journal, flow);
    }

    @Bean
    MeterBinder ivrMetrics(AnswerJournal journal, HotlineFlow flow, ObjectProvider<RatingWriter> writer,
                           ObjectProvider<ReportIncidents> reportIncidents) {
        return new IvrMetrics(journal, flow, writer.getIfAvailable(), reportIncidents.getIfAvailable());
    }

    @Bean
    HotlineFlow hotlineFlow(IvrProperties p, Dossiers dossiers, Ratings ratings, DutyRoster roster,
                            Organisation organisation, CallLog callLog, Complaints complaints,
                            AnswerJournal journal, ObjectProvider<Clock> clock) {
        Path asteriskRecordings = asteriskRecordings(p);
        HotlineSettings settings = new HotlineSettings(p.maxRetries(), p.keyTimeout(), p.digitTimeout(),
                p.recordMaxLength(), p.recordSilence(), p.dialTemplate(), p.dialTimeout(), asteriskRecordings,
                ZoneId.of(p.zone()), p.defaultOfficeDialCode(), p.databaseTimeout(), p.databaseRetryAfter(),
                p.leaderChainTimeout());
        OfficeDirectory offices = code -> organisation.officeByDialCode(code)
                .map(o -> new OfficeDirectory.Office(o.id(), o.name()));
        return new HotlineFlow(dossiers, ratings, roster, offices, callLog, complaints, journal, settings,
                NameAudio.fromClasspath(), clock.getIfAvailable(Clock::systemUTC), node(p));
    }

    /** Checked at start-up: a directory Asterisk cannot write into is said in the log before the first call. */
    @Bean(initMethod = "reportAtStartUp")
    RecordingsDirectory recordingsDirectory(IvrProperties p) {
        return new RecordingsDirectory(Path.of(p.recordingsDirectory()), asteriskRecordings(p), p.recordingsGroup());
    }

    @Bean
    TestCallKey testCallKey() {
        return TestCallKey.random();
    }

    @Bean
    FastAgiLifecycle fastAgiServer(IvrProperties p, HotlineFlow flow, CallLog callLog, TestCallKey testCallKey,
                                   RecordingsDirectory recordings, ConfigurableEnvironment environment) {
        return new FastAgiLifecycle(p, new HotlineAgiScript(flow, p.soundPrefix(), testCallKey, recordings), callLog,
                node(p), environment);
    }

    @Bean
    NodeTimer hotlineCallLog(HotlineFlow flow) {
        return NodeTimer.callLog(flow::writeCallLog, HotlineFlow.callLogEvery());
    }

    private static Path asteriskRecordings(IvrProperties p) {
        return Path.of(p.asteriskRecordingsDirectory() != null ? p.asteriskRecordingsDirectory()
                : p.recordingsDirectory()).toAbsolutePath().normalize();
    }

    @Bean
    LocalFastAgi localFastAgi(FastAgiLifecycle lifecycle, IvrProperties p, TestCallKey testCallKey) {
        return new LocalFastAgi(lifecycle, p.bindAddress(), testCallKey);
    }

    static String node(IvrProperties p) {
        if (p.node() != null && !p.node().isBlank()) {
            return p.node();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
