package vn.dancham.complaint.internal;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcTransactionManager;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.db.test.TestDatabase;
import vn.dancham.escalation.OrgFixture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.dancham.db.jooq.Tables.COMPLAINT;

/** Complaints and harassment reports on real PostgreSQL. */
class JooqComplaintsIT {

    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");

    TestDatabase db;
    OrgFixture org;
    List<Object> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The incident opener, publishing to {@link #published} instead of opening incidents. */
    HarassmentIncidents incidents;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        org = OrgFixture.create(db.dsl());
        incidents = opener(published::add);
    }

    /** An opener as Spring wires it (a transaction-aware DataSource), publishing to {@code to}. */
    HarassmentIncidents opener(ApplicationEventPublisher to) {
        var transactions = new JdbcTransactionManager(db.dataSource());
        var dsl = DSL.using(new DefaultConfiguration()
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(db.dataSource())))
                .set(SQLDialect.POSTGRES));
        return new HarassmentIncidents(dsl, transactions, to);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    NewComplaint report(NewComplaint.Kind kind) {
        return new NewComplaint(kind, null, null, null, org.oneStopOffice(), null, "0912345678",
                "2026/11/22/1700000000_1-1.wav", 12, NewComplaint.RecordingState.RECORDED, NOW);
    }

    @Test
    void aHarassmentReportIsStoredMarkedForItsIncidentWhichTheOpenerPublishesOnce() {
        long id = new JooqComplaints(db.dsl(), incidents).record(report(NewComplaint.Kind.HARASSMENT));
        assertThat(published).as("nothing on the caller's time").isEmpty();
        assertThat(db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(id)).fetchSingle().getIncidentDue()).isTrue();
        assertThat(incidents.openDue()).isEqualTo(1);
        assertThat(incidents.openDue()).as("opened once").isZero();
        var row = db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(id)).fetchSingle();
        assertThat(row.getKind()).isEqualTo("HARASSMENT");
        assertThat(row.getRecordingPath()).isEqualTo("2026/11/22/1700000000_1-1.wav");
        assertThat(row.getRecordingSeconds()).isEqualTo(12);
        assertThat(row.getRecordingState()).isEqualTo("RECORDED");
        assertThat(row.getStatus()).isEqualTo("NEW");
        assertThat(row.getDeadlineAt().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(row.getIncidentDue()).as("the mark cleared with the incident opened").isFalse();
        assertThat(published).singleElement().isInstanceOfSatisfying(HarassmentReported.class, e -> {
            assertThat(e.complaintId()).isEqualTo(id);
            assertThat(e.officeId()).isEqualTo(org.oneStopOffice());
            assertThat(e.callerNumber()).isEqualTo("0912345678");
        });
    }

    @Test
    void aTestCallsHarassmentReportIsStoredAsTestPublishesNothingAndIsNotInTheInbox() {
        long id = new JooqComplaints(db.dsl(), incidents).record(report(NewComplaint.Kind.HARASSMENT).asTest());
        assertThat(db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(id)).fetchSingle().getTest()).isTrue();
        assertThat(db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(id)).fetchSingle().getIncidentDue()).isFalse();
        assertThat(incidents.openDue()).isZero();
        assertThat(published).as("no event: no incident, no SMS").isEmpty();
        long real = new JooqComplaints(db.dsl(), incidents).record(report(NewComplaint.Kind.COMPLAINT));
        assertThat(new JooqComplaintInbox(db.dsl(), new vn.dancham.scoring.internal.StaleSnapshots(db.dsl(), java.time.ZoneId.of("Asia/Ho_Chi_Minh"))).list(new vn.dancham.complaint.ComplaintInbox.Query(
                List.of(), null, org.oneStopOffice(), null, 50, 0)))
                .extracting(vn.dancham.complaint.ComplaintInbox.Item::id).containsExactly(real);
    }

    @Test
    void anOrdinaryComplaintPublishesNothing() {
        long id = new JooqComplaints(db.dsl(), incidents).record(report(NewComplaint.Kind.COMPLAINT));
        assertThat(incidents.openDue()).isZero();
        assertThat(published).isEmpty();
        assertThat(db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(id)).fetchSingle().getDeadlineAt().toInstant())
                .isEqualTo(NOW.plus(Duration.ofDays(15)));
    }

    @Test
    void aRecordingPathCannotEscapeTheRecordingsDirectory() {
        assertThatThrownBy(() -> new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null, null, null, null,
                "../etc/passwd", 1, NewComplaint.RecordingState.RECORDED, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReportReplayedUnderTheSameAnswerKeyIsStoredAndPublishedOnce() {
        JooqComplaints complaints = new JooqComplaints(db.dsl(), incidents);
        NewComplaint keyed = new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null, org.oneStopOffice(),
                null, "0912345678", "2026/11/22/1700000000_1-1.wav", 12, NewComplaint.RecordingState.RECORDED, NOW,
                "1700000000.1/3f2a");
        long first = complaints.record(keyed);
        long again = complaints.record(keyed);
        assertThat(again).isEqualTo(first);
        assertThat(db.dsl().fetchCount(COMPLAINT)).isEqualTo(1);
        assertThat(incidents.openDue()).isEqualTo(1);
        assertThat(complaints.record(keyed)).as("a replay after the incident was opened").isEqualTo(first);
        assertThat(incidents.openDue()).isZero();
        assertThat(published).hasSize(1);
        complaints.record(report(NewComplaint.Kind.HARASSMENT));
        complaints.record(report(NewComplaint.Kind.HARASSMENT));
        assertThat(db.dsl().fetchCount(COMPLAINT)).as("reports without a key are never merged").isEqualTo(3);
    }

    /**
     * A harassment report is stored in one statement (issue 16), the unique index settling replays instead of an
     * advisory lock: the same key from two threads at the same moment is stored once, answers the same id, is marked
     * for its incident once and so published (incident, SMS) once; the office published is the one stored.
     */
    @Test
    void aHarassmentReportReplayedAtTheSameMomentIsStoredAndPublishedOnce() throws Exception {
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        HarassmentIncidents opener = opener(seen::add);
        JooqComplaints complaints = new JooqComplaints(db.dsl(), opener);
        for (int round = 0; round < 20; round++) {
            NewComplaint both = new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null, org.oneStopOffice(),
                    null, "0912345678", null, null, NewComplaint.RecordingState.NONE, NOW, "harass-race/" + round);
            assertThat(recordTwiceAtOnce(complaints, both)).as("both threads answer the same id").isTrue();
            assertThat(db.dsl().fetchCount(COMPLAINT, COMPLAINT.ANSWER_KEY.eq("harass-race/" + round))).isEqualTo(1);
            opener.openDue();
            assertThat(seen).as("round " + round).hasSize(round + 1);
        }
        assertThat(seen).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(HarassmentReported.class,
                r -> assertThat(r.officeId()).isEqualTo(org.oneStopOffice())));
    }

    /**
     * The hotline's ordinary complaints are stored in one statement (issue 16): a replay of the same key, one after
     * the other or at the same moment from two threads, stores it once and answers the same id.
     */
    @Test
    void aComplaintReplayedUnderTheSameAnswerKeyIsStoredOnceEvenAtTheSameMoment() throws Exception {
        JooqComplaints complaints = new JooqComplaints(db.dsl(), incidents);
        NewComplaint keyed = new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null,
                org.oneStopOffice(), null, "0912345678", "2026/11/22/1700000000_1-2.wav", 7,
                NewComplaint.RecordingState.RECORDED, NOW, "1700000000.1/c0ff");
        long first = complaints.record(keyed);
        assertThat(complaints.record(keyed)).isEqualTo(first);
        var row = db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(first)).fetchSingle();
        assertThat(row.getOfficeId()).isEqualTo(org.oneStopOffice());
        assertThat(row.getRecordingSeconds()).isEqualTo(7);
        assertThat(row.getStatus()).isEqualTo("NEW");
        assertThat(row.getDeadlineAt().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(15)));

        for (int round = 0; round < 20; round++) {
            NewComplaint both = new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null, org.oneStopOffice(),
                    null, "0912345678", null, null, NewComplaint.RecordingState.NONE, NOW, "race/" + round);
            assertThat(recordTwiceAtOnce(complaints, both)).as("both threads answer the same id").isTrue();
            assertThat(db.dsl().fetchCount(COMPLAINT, COMPLAINT.ANSWER_KEY.eq("race/" + round))).isEqualTo(1);
        }
        assertThat(published).isEmpty();
    }

    @Test
    void aVerdictNeedsAFindingNamesOfficersOnlyWhenConfirmedAndIsNotGivenOnAMessageForTheLeader() {
        JooqComplaints complaints = new JooqComplaints(db.dsl(), incidents);
        JooqComplaintInbox inbox = new JooqComplaintInbox(db.dsl(), new vn.dancham.scoring.internal.StaleSnapshots(db.dsl(), java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        long handler = db.dsl().fetchSingle("INSERT INTO app_user (username, password_hash, display_name) "
                + "VALUES ('handler', '{noop}x', 'Người xử lý') RETURNING id").get(0, Long.class);
        long id = complaints.record(report(NewComplaint.Kind.COMPLAINT));
        assertThat(inbox.find(id).orElseThrow().verdict()).isEqualTo(ComplaintInbox.Verdict.PENDING);

        assertThat(inbox.decide(id, ComplaintInbox.Verdict.CONFIRMED, List.of(org.officer()), " ", handler, NOW))
                .isInstanceOf(ComplaintInbox.Change.Refused.class);
        assertThat(inbox.decide(id, ComplaintInbox.Verdict.UNFOUNDED, List.of(org.officer()), "Không đúng", handler,
                NOW)).isInstanceOf(ComplaintInbox.Change.Refused.class);
        assertThat(inbox.decide(id, ComplaintInbox.Verdict.CONFIRMED, List.of(-1L), "Đúng", handler, NOW))
                .isInstanceOf(ComplaintInbox.Change.Refused.class);
        assertThat(inbox.decide(-5, ComplaintInbox.Verdict.UNFOUNDED, List.of(), "Không đúng", handler, NOW))
                .isInstanceOf(ComplaintInbox.Change.NotFound.class);

        ComplaintInbox.Change done = inbox.decide(id, ComplaintInbox.Verdict.CONFIRMED, List.of(org.officer()),
                "Cán bộ thừa nhận", handler, NOW);
        assertThat(done).isInstanceOfSatisfying(ComplaintInbox.Change.Done.class, d -> {
            assertThat(d.complaint().verdict()).isEqualTo(ComplaintInbox.Verdict.CONFIRMED);
            assertThat(d.complaint().verdictNote()).isEqualTo("Cán bộ thừa nhận");
            assertThat(d.complaint().verdictByName()).isEqualTo("Người xử lý");
            assertThat(d.complaint().namedOfficers()).extracting(ComplaintInbox.NamedOfficer::id)
                    .containsExactly(org.officer());
        });
        // Revised to unfounded: the named officers go with the confirmation.
        inbox.decide(id, ComplaintInbox.Verdict.UNFOUNDED, List.of(), "Xác minh lại: không đúng", handler, NOW);
        assertThat(inbox.find(id).orElseThrow().namedOfficers()).isEmpty();

        long message = complaints.record(report(NewComplaint.Kind.LEADER_MESSAGE));
        assertThat(inbox.decide(message, ComplaintInbox.Verdict.UNFOUNDED, List.of(), "x", handler, NOW))
                .isInstanceOf(ComplaintInbox.Change.Refused.class);
    }

    /** Records {@code complaint} from two threads released at the same moment; true when both answer the same id. */
    private static boolean recordTwiceAtOnce(JooqComplaints complaints, NewComplaint complaint) throws Exception {
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> {
                start.await();
                return complaints.record(complaint);
            });
            var b = pool.submit(() -> {
                start.await();
                return complaints.record(complaint);
            });
            start.countDown();
            return a.get().equals(b.get());
        }
    }
}
