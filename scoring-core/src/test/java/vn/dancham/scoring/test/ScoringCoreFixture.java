package vn.dancham.scoring.test;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import vn.dancham.complaint.internal.JooqComplaintInbox;
import vn.dancham.complaint.internal.JooqComplaints;
import vn.dancham.db.test.TestDatabase;
import vn.dancham.dossier.internal.DossierQueries;
import vn.dancham.dossier.internal.DossierWriter;
import vn.dancham.rating.internal.RatingRecorder;
import vn.dancham.rating.internal.RatingReviews;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.internal.Aggregates;
import vn.dancham.scoring.internal.Maintenance;
import vn.dancham.scoring.internal.ScoreQueries;
import vn.dancham.scoring.internal.StoredScoringSettings;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scoring core wired by hand over a fresh real PostgreSQL database (no Spring context), the way
 * {@code ScoringConfiguration} wires it: a transaction-aware jOOQ context, a JDBC transaction manager, a clock the
 * test moves and a list that collects published events. Also makes organisation rows for tests.
 */
public final class ScoringCoreFixture implements AutoCloseable {

    public final TestDatabase db;
    public final DSLContext dsl;
    public final PlatformTransactionManager transactions;
    public final MutableClock clock;
    public final List<Object> events = new CopyOnWriteArrayList<>();
    public final ScoringProperties properties;
    public final Aggregates aggregates;
    public final DossierQueries dossiers;
    public final DossierWriter registry;
    public final RatingRecorder ratings;
    public final Maintenance maintenance;
    public final RatingReviews reviews;
    public final ScoreQueries scores;
    /** Recording complaints (charged to the office holding the dossier) and the handler's inbox with verdicts. */
    public final JooqComplaints complaints;
    /**
     * Opens the incidents of the harassment reports stored (publishing to {@link #events}); not running in the
     * background here: a test calls {@code openDue()} when it wants them opened.
     */
    public final vn.dancham.complaint.internal.HarassmentIncidents harassment;
    public final JooqComplaintInbox complaintInbox;
    /** What administrators change from the web; every component below reads through it. */
    public final StoredScoringSettings settings;

    private ScoringCoreFixture(ScoringProperties properties, Instant now, org.jooq.ExecuteListener... listeners) {
        this.db = TestDatabase.fresh();
        this.properties = properties;
        this.dsl = DSL.using(new org.jooq.impl.DefaultConfiguration()
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(db.dataSource())))
                .set(SQLDialect.POSTGRES)
                .set(listeners));
        this.transactions = new DataSourceTransactionManager(db.dataSource());
        this.clock = new MutableClock(now);
        this.settings = new StoredScoringSettings(dsl, transactions, properties, java.time.Duration.ofSeconds(10));
        this.aggregates = new Aggregates(dsl, properties);
        this.dossiers = new DossierQueries(dsl, clock);
        this.registry = new DossierWriter(dsl, transactions, aggregates);
        this.ratings = new RatingRecorder(dsl, transactions, aggregates, events::add, clock, settings);
        this.maintenance = new Maintenance(dsl, aggregates, transactions, settings, events::add, clock);
        this.reviews = new RatingReviews(dsl, transactions, aggregates, clock);
        this.scores = new ScoreQueries(dsl, settings, clock);
        this.harassment = new vn.dancham.complaint.internal.HarassmentIncidents(dsl, transactions, events::add);
        this.complaints = new JooqComplaints(dsl, harassment);
        this.complaintInbox = new JooqComplaintInbox(dsl, new vn.dancham.scoring.internal.StaleSnapshots(dsl, properties.zone()));
    }

    public static ScoringCoreFixture fresh(ScoringProperties properties, Instant now) {
        return new ScoringCoreFixture(properties, now);
    }

    /** With jOOQ execute listeners, e.g. to measure statements. */
    public static ScoringCoreFixture fresh(ScoringProperties properties, Instant now,
                                           org.jooq.ExecuteListener... listeners) {
        return new ScoringCoreFixture(properties, now, listeners);
    }

    public static ScoringCoreFixture fresh() {
        return fresh(ScoringProperties.defaults(), Instant.parse("2026-11-20T03:00:00Z"));
    }

    // ---- organisation rows (the organisation feature owns these tables; tests only need rows) ----

    public long unit(Long parentId, String level, String code, String name) {
        return dsl.fetchSingle("INSERT INTO admin_unit (parent_id, level, code, name) VALUES (?, ?, ?, ?) RETURNING id",
                parentId, level, code, name).get(0, Long.class);
    }

    public long office(long unitId, String code, String dialCode, String name) {
        return dsl.fetchSingle("INSERT INTO office (unit_id, code, dial_code, name, kind) VALUES (?, ?, ?, ?, 'ONE_STOP') "
                + "RETURNING id", unitId, code, dialCode, name).get(0, Long.class);
    }

    public long officer(long officeId, String code, String name) {
        return dsl.fetchSingle("INSERT INTO officer (office_id, code, full_name, position) VALUES (?, ?, ?, 'Chuyên viên') "
                + "RETURNING id", officeId, code, name).get(0, Long.class);
    }

    public long field(String code, String name) {
        return dsl.fetchSingle("INSERT INTO procedure_field (code, name) VALUES (?, ?) RETURNING id", code, name)
                .get(0, Long.class);
    }

    public long procedure(long fieldId, String code, String name, int legalDays) {
        return dsl.fetchSingle("INSERT INTO procedure (field_id, code, name, legal_days) VALUES (?, ?, ?, ?) RETURNING id",
                fieldId, code, name, legalDays).get(0, Long.class);
    }

    /** A web user (a complaint handler, say) for actions that record who did them. */
    public long webUser(String username, String displayName) {
        return dsl.fetchSingle("INSERT INTO app_user (username, password_hash, display_name) VALUES (?, '{noop}x', ?) "
                + "RETURNING id", username, displayName).get(0, Long.class);
    }

    /** The first column of the single row a plain SQL query returns. */
    public <T> T value(Class<T> type, String sql, Object... bindings) {
        return dsl.fetchOne(sql, bindings).get(0, type);
    }

    /** The first column of every row, as strings. */
    public List<String> strings(String sql, Object... bindings) {
        return dsl.fetch(sql, bindings).getValues(0, String.class);
    }

    /**
     * Where {@code rating_officer_evidence} (kept by triggers, migrations V261 and V265) differs from its definition:
     * every counted answer of a caller other than the applicant, once per officer it is attributed to, at its time
     * and with its weight (0 for an anonymous caller, its value otherwise). "+officer/rating" is there and should
     * not be, "-officer/rating" is missing; empty when the two agree.
     */
    public List<String> officerEvidenceMismatches() {
        return strings("""
                WITH kept AS (SELECT officer_id, rating_id, given_at, weight FROM rating_officer_evidence),
                     meant AS (SELECT DISTINCT t.officer_id, r.id AS rating_id, r.given_at,
                                      CASE WHEN r.identity IN ('UNVERIFIED', 'WITHHELD') THEN 0 ELSE r.value END
                               FROM rating r JOIN rating_target t ON t.rating_id = r.id
                               WHERE t.officer_id IS NOT NULL AND r.status = 'COUNTED' AND r.identity <> 'VERIFIED')
                SELECT '+' || officer_id || '/' || rating_id FROM (SELECT * FROM kept EXCEPT SELECT * FROM meant) x
                UNION ALL
                SELECT '-' || officer_id || '/' || rating_id FROM (SELECT * FROM meant EXCEPT SELECT * FROM kept) y
                ORDER BY 1""");
    }

    @Override
    public void close() {
        db.close();
    }
}
