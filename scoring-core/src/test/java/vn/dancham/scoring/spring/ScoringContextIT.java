package vn.dancham.scoring.spring;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.dancham.db.test.TestDatabase;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.RatingReview;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.scoring.ScoringConfiguration;
import vn.dancham.scoring.ScoringMaintenance;
import vn.dancham.scoring.Scores;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scoring core as Spring wires it: its beans by their API types, and LOWEST_ATTITUDE published synchronously
 * inside the rating's transaction — a listener's writes commit with the rating, and a listener's failure rolls the
 * rating back (nothing half-done).
 */
class ScoringContextIT {

    static final AtomicBoolean FAIL = new AtomicBoolean();

    @Configuration
    @Import(ScoringConfiguration.class)
    static class Infrastructure {

        static TestDatabase db;

        @Bean
        DataSource dataSource() {
            return db.dataSource();
        }

        @Bean
        DSLContext dsl(DataSource dataSource) {
            return DSL.using(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(dataSource)),
                    SQLDialect.POSTGRES);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        /** Plays the escalation module: writes in the publishing transaction. */
        @Bean
        Object incidentWriter(DSLContext dsl) {
            return new Object() {
                @EventListener
                void on(ConcernRaised concern) {
                    assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
                    dsl.execute("INSERT INTO audit_log (actor, action, target_type, target_id) VALUES (?, ?, ?, ?)",
                            "scoring", concern.kind().name(), concern.subjectType(), Long.toString(concern.subjectId()));
                    if (FAIL.get()) {
                        throw new IllegalStateException("listener failed");
                    }
                }
            };
        }
    }

    AnnotationConfigApplicationContext context;
    DSLContext dsl;
    long dossierId;

    @BeforeEach
    void setUp() {
        Infrastructure.db = TestDatabase.fresh();
        context = new AnnotationConfigApplicationContext(Infrastructure.class);
        dsl = context.getBean(DSLContext.class);
        long province = dsl.fetchSingle("INSERT INTO admin_unit (level, code, name) VALUES ('PROVINCE', 'QT', 'Quảng Trị') "
                + "RETURNING id").get(0, Long.class);
        long office = dsl.fetchSingle("INSERT INTO office (unit_id, code, dial_code, name, kind) "
                + "VALUES (?, 'MC', '1', 'Một cửa', 'ONE_STOP') RETURNING id", province).get(0, Long.class);
        dsl.execute("INSERT INTO officer (office_id, code, full_name, position) VALUES (?, 'AN', 'Nguyễn Văn An', 'CV')",
                office);
        long field = dsl.fetchSingle("INSERT INTO procedure_field (code, name) VALUES ('DD', 'Đất đai') RETURNING id")
                .get(0, Long.class);
        dsl.execute("INSERT INTO procedure (field_id, code, name, legal_days) VALUES (?, 'P1', 'Thủ tục', 10)", field);
        dossierId = context.getBean(DossierRegistry.class).upsert(new DossierData(new ReceiptNumber("2026000001"),
                "P1", "MC", "AN", "Người nộp", "0912345678", Instant.parse("2026-11-01T01:00:00Z"),
                Instant.parse("2026-11-11T01:00:00Z"), null, "IN_PROGRESS")).id();
    }

    @AfterEach
    void tearDown() {
        FAIL.set(false);
        context.close();
        Infrastructure.db.close();
    }

    RatingSubmission lowestAttitude() {
        return new RatingSubmission(null, dossierId, null, "ATTITUDE", 1, "0912345678",
                Instant.parse("2026-11-05T01:00:00Z"), RatingSubmission.Channel.PHONE);
    }

    @Test
    void everyApiIsABean() {
        for (Class<?> api : new Class<?>[]{Dossiers.class, DossierRegistry.class, Ratings.class, RatingReview.class,
                Scores.class, ScoringMaintenance.class}) {
            assertThat(context.getBean(api)).isNotNull();
        }
        assertThat(context.getBean(Dossiers.class).status(new ReceiptNumber("2026000001"))).isPresent();
    }

    /**
     * The league tables held in memory are wired as the application wires them: listening on a connection of its
     * own (opened as the pool opens its own, not lent by it: the pool's connections stay the pool's).
     */
    @Test
    void theLeagueCacheListensOnAConnectionOfItsOwn() {
        vn.dancham.scoring.internal.LeagueCache cache = context.getBean(vn.dancham.scoring.internal.LeagueCache.class);
        assertThat(cache.sync(dsl, java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(dsl.fetchSingle("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                + "'dancham league cache' AND datname = current_database()").get(0, Integer.class)).isEqualTo(1);
    }

    @Test
    void theListenerWritesInTheRatingsTransaction() {
        context.getBean(Ratings.class).record(lowestAttitude());
        assertThat(dsl.fetchCount(DSL.table("rating"))).isEqualTo(1);
        assertThat(dsl.fetchCount(DSL.table("audit_log"), DSL.field("action").eq("LOWEST_ATTITUDE"))).isEqualTo(1);
    }

    @Test
    void aFailingListenerRollsTheRatingBack() {
        FAIL.set(true);
        assertThatThrownBy(() -> context.getBean(Ratings.class).record(lowestAttitude()))
                .hasMessageContaining("listener failed");
        assertThat(dsl.fetchCount(DSL.table("rating"))).isZero();
        assertThat(dsl.fetchCount(DSL.table("rating_daily"))).isZero();
        assertThat(dsl.fetchCount(DSL.table("audit_log"))).isZero();
    }
}
