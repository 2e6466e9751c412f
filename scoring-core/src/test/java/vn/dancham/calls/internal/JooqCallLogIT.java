package vn.dancham.calls.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.EventKind;
import vn.dancham.calls.CallLog.Outcome;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.db.test.TestDatabase;
import vn.dancham.escalation.OrgFixture;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.internal.LeagueMarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.dancham.db.jooq.Tables.CALL_EVENT;
import static vn.dancham.db.jooq.Tables.CALL_EVENT_BATCH;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;
import static vn.dancham.db.jooq.Tables.LEADER_DIAL;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static org.assertj.core.groups.Tuple.tuple;

/** The call log on real PostgreSQL. */
class JooqCallLogIT {

    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");

    TestDatabase db;
    OrgFixture org;
    List<Object> published = new ArrayList<>();
    JooqCallLog log;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        org = OrgFixture.create(db.dsl());
        log = new JooqCallLog(db.dsl(), published::add, new Organisation(db.dsl(), new LeagueMarks(db.dsl())), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    CallLog.CallStarted call(String uniqueId, String node, Instant at) {
        return new CallLog.CallStarted(uniqueId, "0912345678", "1022", "PJSIP/trunk-01", node, at);
    }

    @Test
    void aCallIsOpenedLoggedStepByStepAndClosedWithItsOutcome() {
        long id = log.started(call("1700000000.1", "node-a", NOW));
        log.event(id, "MAIN_MENU", EventKind.STEP, null);
        log.event(id, "MAIN_MENU", EventKind.KEY, "2");
        log.event(id, "RATING_Q1_ATTITUDE", EventKind.STEP, null);
        var open = db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(id)).fetchSingle();
        assertThat(open.getOutcome()).isEqualTo("IN_PROGRESS");
        assertThat(open.getLastStep()).isEqualTo("RATING_Q1_ATTITUDE");

        log.ended(id, Outcome.ABANDONED, "RATING_Q1_ATTITUDE");
        log.ended(id, Outcome.COMPLETED, "MAIN_MENU"); // ignored: the first outcome stands
        var closed = db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(id)).fetchSingle();
        assertThat(closed.getOutcome()).isEqualTo("ABANDONED");
        assertThat(closed.getLastStep()).isEqualTo("RATING_Q1_ATTITUDE");
        assertThat(closed.getEndedAt()).isNotNull();
        assertThat(closed.getCallerNumber()).isEqualTo("0912345678");
        assertThat(db.dsl().fetchCount(CALL_EVENT, CALL_EVENT.CALL_ID.eq(id))).isEqualTo(3);
    }

    @Test
    void aCallsBufferedEventsAreWrittenInOneStatementInOrderWithTheLastStep() {
        long id = log.started(call("1700000000.9", "node-a", NOW));
        String longDetail = "x".repeat(600);
        log.events(id, List.of(
                new CallLog.Event("MAIN_MENU", EventKind.STEP, null, NOW.plusSeconds(1)),
                new CallLog.Event("MAIN_MENU", EventKind.KEY, "2", NOW.plusSeconds(2)),
                new CallLog.Event("RATING_Q1_ATTITUDE", EventKind.STEP, null, NOW.plusSeconds(3)),
                new CallLog.Event("RATING_Q1_ATTITUDE", EventKind.KEY, "4", NOW.plusSeconds(4)),
                new CallLog.Event("RATING_Q1_ATTITUDE", EventKind.ERROR, longDetail, NOW.plusSeconds(5))));
        assertThat(db.dsl().select(CALL_EVENT.STEP, CALL_EVENT.KIND, CALL_EVENT.DETAIL, CALL_EVENT.AT)
                .from(CALL_EVENT).where(CALL_EVENT.CALL_ID.eq(id)).orderBy(CALL_EVENT.BATCH_ID, CALL_EVENT.SEQ)
                .fetch(r -> r.value2() + " " + r.value1() + " " + (r.value3() == null ? "-" : r.value3().length())
                        + " " + r.value4().toInstant()))
                .containsExactly("STEP MAIN_MENU - " + NOW.plusSeconds(1), "KEY MAIN_MENU 1 " + NOW.plusSeconds(2),
                        "STEP RATING_Q1_ATTITUDE - " + NOW.plusSeconds(3),
                        "KEY RATING_Q1_ATTITUDE 1 " + NOW.plusSeconds(4),
                        "ERROR RATING_Q1_ATTITUDE 500 " + NOW.plusSeconds(5));
        assertThat(db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(id)).fetchSingle().getLastStep())
                .as("the last STEP among them").isEqualTo("RATING_Q1_ATTITUDE");

        log.events(id, List.of(new CallLog.Event("RATING_Q1_ATTITUDE", EventKind.HANGUP, null, NOW.plusSeconds(6))));
        assertThat(db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(id)).fetchSingle().getLastStep())
                .as("no STEP: the last step stays").isEqualTo("RATING_Q1_ATTITUDE");
        assertThat(db.dsl().fetchCount(CALL_EVENT, CALL_EVENT.CALL_ID.eq(id))).isEqualTo(6);
        // Stored one row per write (issue 16: 15 rows a call, each with two index entries, were the most rows the
        // hotline wrote), read one event per row through the view.
        assertThat(db.dsl().fetchCount(CALL_EVENT_BATCH, CALL_EVENT_BATCH.CALL_ID.eq(id))).isEqualTo(2);
    }

    @Test
    void theHangUpWritesTheLastEventsAndTheEndTogetherOnce() {
        long id = log.started(call("1700000000.8", "node-a", NOW));
        log.ended(id, List.of(
                new CallLog.Event("RATING_DONE", EventKind.STEP, null, NOW.plusSeconds(1)),
                new CallLog.Event("MAIN_MENU", EventKind.HANGUP, null, NOW.plusSeconds(2))),
                Outcome.COMPLETED, "MAIN_MENU");
        var closed = db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(id)).fetchSingle();
        assertThat(closed.getOutcome()).isEqualTo("COMPLETED");
        assertThat(closed.getLastStep()).isEqualTo("MAIN_MENU");
        assertThat(closed.getEndedAt().toInstant()).isEqualTo(NOW);
        assertThat(db.dsl().select(CALL_EVENT.KIND).from(CALL_EVENT).where(CALL_EVENT.CALL_ID.eq(id))
                .orderBy(CALL_EVENT.BATCH_ID, CALL_EVENT.SEQ).fetch(CALL_EVENT.KIND)).containsExactly("STEP", "HANGUP");

        log.ended(id, List.of(), Outcome.ABANDONED, "START"); // ignored: the first outcome stands
        assertThat(db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(id)).fetchSingle().getOutcome())
                .isEqualTo("COMPLETED");
        assertThat(db.dsl().fetchCount(CALL_EVENT, CALL_EVENT.CALL_ID.eq(id))).isEqualTo(2);
        assertThat(db.dsl().fetchCount(CALL_EVENT_BATCH, CALL_EVENT_BATCH.CALL_ID.eq(id)))
                .as("one row for the hang-up's events, none for an end without any").isEqualTo(1);
    }

    /**
     * Ends that arrived together (a trunk dropping every call): one statement closes each row as it ended, with its
     * own events in its own batch row, in order; a row already closed keeps its first outcome.
     */
    @Test
    void endsThatArriveTogetherAreWrittenInOneStatementEachAsItEnded() {
        long a = log.started(call("1700000001.1", "node-a", NOW));
        long b = log.started(call("1700000001.2", "node-a", NOW));
        long c = log.started(call("1700000001.3", "node-a", NOW));
        long closedBefore = log.started(call("1700000001.4", "node-a", NOW));
        log.ended(closedBefore, Outcome.COMPLETED, "MAIN_MENU");
        String longDetail = "y".repeat(700);

        log.ended(List.of(
                new CallLog.CallEnd(a, List.of(
                        new CallLog.Event("RATING_Q2_TIMELINESS", EventKind.KEY, "4", NOW.plusSeconds(1)),
                        new CallLog.Event("RATING_Q2_TIMELINESS", EventKind.HANGUP, null, NOW.plusSeconds(2))),
                        Outcome.ABANDONED, "RATING_Q2_TIMELINESS", NOW.plusSeconds(2)),
                new CallLog.CallEnd(b, List.of(), Outcome.COMPLETED, "STATUS_RESULT", NOW.plusSeconds(5)),
                new CallLog.CallEnd(c, List.of(
                        new CallLog.Event("COMPLAINT_RECORD", EventKind.STEP, null, NOW.plusSeconds(3)),
                        new CallLog.Event("COMPLAINT_RECORD", EventKind.ERROR, longDetail, NOW.plusSeconds(4)),
                        new CallLog.Event("COMPLAINT_RECORD", EventKind.HANGUP, null, NOW.plusSeconds(6))),
                        Outcome.COMPLETED, "COMPLAINT_RECORD", NOW.plusSeconds(7)),
                new CallLog.CallEnd(closedBefore, List.of(), Outcome.ABANDONED, "START", NOW.plusSeconds(8))));

        assertThat(db.dsl().select(HOTLINE_CALL.ID, HOTLINE_CALL.OUTCOME, HOTLINE_CALL.LAST_STEP)
                .from(HOTLINE_CALL).where(HOTLINE_CALL.ID.in(a, b, c, closedBefore)).orderBy(HOTLINE_CALL.ID)
                .fetch(r -> tuple(r.value1(), r.value2(), r.value3())))
                .containsExactly(tuple(a, "ABANDONED", "RATING_Q2_TIMELINESS"), tuple(b, "COMPLETED", "STATUS_RESULT"),
                        tuple(c, "COMPLETED", "COMPLAINT_RECORD"), tuple(closedBefore, "COMPLETED", "MAIN_MENU"));
        assertThat(db.dsl().select(HOTLINE_CALL.ENDED_AT).from(HOTLINE_CALL).where(HOTLINE_CALL.ID.in(a, b, c))
                .orderBy(HOTLINE_CALL.ID).fetch(r -> r.value1().toInstant()))
                .as("each as it ended").containsExactly(NOW.plusSeconds(2), NOW.plusSeconds(5), NOW.plusSeconds(7));
        assertThat(db.dsl().select(CALL_EVENT.CALL_ID, CALL_EVENT.KIND, CALL_EVENT.DETAIL, CALL_EVENT.AT)
                .from(CALL_EVENT).where(CALL_EVENT.CALL_ID.in(a, b, c))
                .orderBy(CALL_EVENT.CALL_ID, CALL_EVENT.BATCH_ID, CALL_EVENT.SEQ)
                .fetch(r -> r.value1() + " " + r.value2() + " " + (r.value3() == null ? "-" : r.value3().length())
                        + " " + r.value4().toInstant()))
                .containsExactly(a + " KEY 1 " + NOW.plusSeconds(1), a + " HANGUP - " + NOW.plusSeconds(2),
                        c + " STEP - " + NOW.plusSeconds(3), c + " ERROR 500 " + NOW.plusSeconds(4),
                        c + " HANGUP - " + NOW.plusSeconds(6));
        assertThat(db.dsl().fetchCount(CALL_EVENT_BATCH, CALL_EVENT_BATCH.CALL_ID.in(a, b, c)))
                .as("one batch row per call with events").isEqualTo(2);
    }

    @Test
    void aReusedAsteriskUniqueIdStillGetsItsOwnRow() {
        long first = log.started(call("1700000000.2", "node-a", NOW));
        long second = log.started(call("1700000000.2", "node-a", NOW));
        assertThat(second).isNotEqualTo(first);
    }

    /**
     * Rows of calls waiting to be written go in one statement, ids in the order given; a unique id taken by an earlier
     * call or twice in the batch still gets a row of its own, under a suffixed id.
     */
    @Test
    void callsOpenedTogetherGetTheirRowsInOneStatementEvenWithReusedUniqueIds() {
        long earlier = log.started(call("u.many.1", "node-a", NOW.minusSeconds(60)));
        List<CallLog.CallStarted> calls = List.of(call("u.many.1", "node-a", NOW.minusSeconds(3)),
                call("u.many.2", "node-a", NOW.minusSeconds(2)),
                new CallLog.CallStarted("u.many.2", null, "1022", "PJSIP/trunk-02", "node-a", NOW.minusSeconds(1),
                        true),
                call("u.many.3", "node-b", NOW));
        assertThat(synchronousCommitAfter(l -> assertThat(l.started(calls)).hasSize(4))).isEqualTo("off");
        List<Long> ids = log.started(List.of(call("u.many.4", "node-a", NOW), call("u.many.5", "node-a", NOW)));

        var rows = db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.ne(earlier))
                .and(HOTLINE_CALL.ASTERISK_UNIQUE_ID.like("u.many.%")).orderBy(HOTLINE_CALL.STARTED_AT,
                        HOTLINE_CALL.ID).fetch();
        assertThat(rows).hasSize(6).allSatisfy(r -> {
            assertThat(r.getOutcome()).isEqualTo("IN_PROGRESS");
            assertThat(r.getLastStep()).isEqualTo("START");
        });
        assertThat(rows.getFirst().getAsteriskUniqueId()).startsWith("u.many.1#");
        assertThat(rows.get(1).getAsteriskUniqueId()).isEqualTo("u.many.2");
        assertThat(rows.get(2).getAsteriskUniqueId()).startsWith("u.many.2#");
        assertThat(rows.get(2).getCallerWithheld()).isTrue();
        assertThat(rows.get(2).getTest()).isTrue();
        assertThat(rows.get(2).getChannel()).isEqualTo("PJSIP/trunk-02");
        assertThat(rows.get(3).getNode()).isEqualTo("node-b");
        assertThat(rows.get(3).getStartedAt().toInstant()).isEqualTo(NOW);
        assertThat(ids).containsExactly(rows.get(4).getId(), rows.get(5).getId());
    }

    /**
     * A call that ended before its row was written: the row, closed, and its events in one statement that does not
     * wait for the disk; each call's events on its own row, also when two calls of the batch share a unique id or
     * one is taken by an earlier call.
     */
    @Test
    void callsEndedBeforeTheirRowsWereWrittenAreWrittenWholeWithTheirEvents() {
        long earlier = log.started(call("u.whole.1", "node-a", NOW.minusSeconds(60)));
        List<CallLog.WholeCall> calls = List.of(
                whole("u.whole.1", NOW.minusSeconds(30), Outcome.COMPLETED, "STATUS_RESULT", "MAIN_MENU", "STATUS",
                        "STATUS_RESULT"),
                whole("u.whole.2", NOW.minusSeconds(20), Outcome.ABANDONED, "MAIN_MENU", "MAIN_MENU"),
                whole("u.whole.2", NOW.minusSeconds(10), Outcome.COMPLETED, "STATUS", "STATUS"),
                whole("u.whole.3", NOW.minusSeconds(5), Outcome.FAILED, "START"));
        assertThat(synchronousCommitAfter(l -> l.endedUnopened(calls))).isEqualTo("off");
        log.endedUnopened(List.of(whole("u.whole.4", NOW.plusSeconds(5), Outcome.COMPLETED, "MAIN_MENU",
                "MAIN_MENU")));

        var rows = db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.ne(earlier))
                .and(HOTLINE_CALL.ASTERISK_UNIQUE_ID.like("u.whole.%")).orderBy(HOTLINE_CALL.STARTED_AT).fetch();
        assertThat(rows).extracting(r -> r.getOutcome(), r -> r.getLastStep()).containsExactly(
                tuple("COMPLETED", "STATUS_RESULT"), tuple("ABANDONED", "MAIN_MENU"), tuple("COMPLETED", "STATUS"),
                tuple("FAILED", "START"), tuple("COMPLETED", "MAIN_MENU"));
        assertThat(rows.getFirst().getAsteriskUniqueId()).startsWith("u.whole.1#");
        assertThat(rows.get(2).getAsteriskUniqueId()).startsWith("u.whole.2#");
        assertThat(rows).allSatisfy(r -> assertThat(r.getEndedAt().toInstant()).as("ended when it ended")
                .isEqualTo(r.getStartedAt().toInstant().plusSeconds(1)));
        assertThat(steps(rows.get(0).getId())).containsExactly("MAIN_MENU", "STATUS", "STATUS_RESULT");
        assertThat(steps(rows.get(1).getId())).containsExactly("MAIN_MENU");
        assertThat(steps(rows.get(2).getId())).containsExactly("STATUS");
        assertThat(steps(rows.get(3).getId())).as("a call without events has no batch row").isEmpty();
        assertThat(db.dsl().fetchCount(CALL_EVENT_BATCH, CALL_EVENT_BATCH.CALL_ID.eq(rows.get(3).getId()))).isZero();
        assertThat(steps(earlier)).as("the earlier call's row is left alone").isEmpty();
        assertThat(outcome(earlier)).isEqualTo("IN_PROGRESS");
    }

    private CallLog.WholeCall whole(String uniqueId, Instant startedAt, Outcome outcome, String lastStep,
                                    String... steps) {
        List<CallLog.Event> events = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            events.add(new CallLog.Event(steps[i], EventKind.STEP, null, startedAt.plusMillis(i)));
        }
        return new CallLog.WholeCall(call(uniqueId, "node-a", startedAt), events, outcome, lastStep,
                startedAt.plusSeconds(1));
    }

    private List<String> steps(long callId) {
        return db.dsl().select(CALL_EVENT.STEP).from(CALL_EVENT).where(CALL_EVENT.CALL_ID.eq(callId))
                .orderBy(CALL_EVENT.AT).fetch(CALL_EVENT.STEP);
    }

    @Test
    void aTestCallIsLoggedButNotInTheStatistics() {
        long real = log.started(call("1700000000.5", "node-a", NOW));
        long test = log.started(new CallLog.CallStarted("softphone-1.1", null, "softphone", "Local/softphone-1.1",
                "node-a", NOW, true));
        assertThat(db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(test)).fetchSingle().getTest()).isTrue();
        assertThat(db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(real)).fetchSingle().getTest()).isFalse();
        long journaled = log.journaledCall(new CallLog.CallStarted("softphone-1.2", null, null, null, "node-a", NOW,
                true), NOW.plusSeconds(30));
        assertThat(db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(journaled)).fetchSingle().getTest())
                .isTrue();
        assertThat(new JooqCallStatistics(db.dsl()).between(NOW.minusSeconds(1), NOW.plusSeconds(60)).total())
                .isEqualTo(1);
    }

    /**
     * A call's row is updated on its way (its last step) and at its end, on the call's own time: an update that
     * changes no indexed column and finds room on its page is "heap-only" (HOT) and writes no index entry. The end
     * changes {@code outcome}, which an index on open calls had in its predicate: every end wrote a new entry in
     * each of the table's indexes (0 HOT updates of 6,962 in bench/results/2026-12-03-mixed-threads-and-call-ends.md).
     * Counted in one transaction, whose own statistics PostgreSQL gives before it commits.
     */
    @Test
    void aCallsRowIsUpdatedOnItsWayAndAtItsEndWithoutWritingAnIndexEntry() {
        db.dsl().transaction(tx -> {
            JooqCallLog inTx = new JooqCallLog(tx.dsl(), published::add,
                    new Organisation(tx.dsl(), new LeagueMarks(tx.dsl())), Clock.fixed(NOW, ZoneOffset.UTC));
            long alone = inTx.started(call("u.hot.1", "node-a", NOW.minusSeconds(30)));
            long together = inTx.started(call("u.hot.2", "node-a", NOW.minusSeconds(20)));
            long third = inTx.started(call("u.hot.3", "node-a", NOW.minusSeconds(10)));
            inTx.events(alone, List.of(new CallLog.Event("MAIN_MENU", EventKind.STEP, null, NOW.minusSeconds(25))));
            inTx.ended(alone, List.of(), Outcome.COMPLETED, "MAIN_MENU");
            inTx.ended(List.of(
                    new CallLog.CallEnd(together, List.of(), Outcome.ABANDONED, "MAIN_MENU", NOW),
                    new CallLog.CallEnd(third, List.of(), Outcome.COMPLETED, "STATUS", NOW)));
            var counts = tx.dsl().fetchSingle("""
                    SELECT pg_stat_get_xact_tuples_updated('hotline_call'::regclass),
                           pg_stat_get_xact_tuples_hot_updated('hotline_call'::regclass)""");
            assertThat(counts.get(0, Long.class)).isEqualTo(4);
            assertThat(counts.get(1, Long.class)).as("heap-only updates").isEqualTo(4);
        });
    }

    /**
     * The end does not wait for the disk: the statement turns synchronous_commit off for its transaction (read back
     * in the transaction, before it commits), alone or with others.
     */
    @Test
    void aCallsEndIsCommittedWithoutWaitingForTheDisk() {
        long alone = log.started(call("u.async.1", "node-a", NOW.minusSeconds(30)));
        long together = log.started(call("u.async.2", "node-a", NOW.minusSeconds(20)));
        long third = log.started(call("u.async.3", "node-a", NOW.minusSeconds(10)));
        assertThat(synchronousCommitAfter(l -> l.ended(alone, List.of(), Outcome.COMPLETED, "MAIN_MENU"))).isEqualTo("off");
        assertThat(synchronousCommitAfter(l -> l.ended(List.of(
                new CallLog.CallEnd(together, List.of(), Outcome.ABANDONED, "MAIN_MENU", NOW),
                new CallLog.CallEnd(third, List.of(), Outcome.COMPLETED, "STATUS", NOW))))).isEqualTo("off");
        assertThat(outcome(alone)).isEqualTo("COMPLETED");
        assertThat(outcome(together)).isEqualTo("ABANDONED");
        assertThat(outcome(third)).isEqualTo("COMPLETED");
    }

    private String synchronousCommitAfter(java.util.function.Consumer<JooqCallLog> end) {
        return db.dsl().transactionResult(tx -> {
            end.accept(new JooqCallLog(tx.dsl(), published::add,
                    new Organisation(tx.dsl(), new LeagueMarks(tx.dsl())), Clock.fixed(NOW, ZoneOffset.UTC)));
            return tx.dsl().fetchSingle("SELECT current_setting('synchronous_commit')").get(0, String.class);
        });
    }

    @Test
    void aWithheldNumberIsMarked() {
        long id = log.started(new CallLog.CallStarted("u.3", null, null, null, "node-a", NOW));
        assertThat(db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(id)).fetchSingle().getCallerWithheld())
                .isTrue();
    }

    @Test
    void startupSweepClosesThisNodesOpenCallsAndStaleOnesOfOthers() {
        long mine = log.started(call("u.mine", "node-a", NOW.minusSeconds(60)));
        long otherRecent = log.started(call("u.other", "node-b", NOW.minusSeconds(60)));
        long otherStale = log.started(call("u.stale", "node-b", NOW.minus(Duration.ofHours(13))));
        long done = log.started(call("u.done", "node-a", NOW.minusSeconds(90)));
        log.ended(done, Outcome.COMPLETED, "MAIN_MENU");

        assertThat(log.closeInterrupted("node-a", Duration.ofHours(12))).isEqualTo(2);
        assertThat(outcome(mine)).isEqualTo("INTERRUPTED");
        assertThat(outcome(otherStale)).isEqualTo("INTERRUPTED");
        assertThat(outcome(otherRecent)).isEqualTo("IN_PROGRESS");
        assertThat(outcome(done)).isEqualTo("COMPLETED");
    }

    @Test
    void aMissedLeaderCallIsLoggedAndPublishedWithTheDistrict() {
        long id = log.started(call("u.4", "node-a", NOW));
        LeaderCallMissed event = log.leaderCallMissed(id, org.oneStopOffice(), "0912345678", "BUSY");
        assertThat(published).containsExactly(event);
        assertThat(event.adminUnitId()).isEqualTo(org.district());
        assertThat(event.reason()).isEqualTo("BUSY");
        assertThat(db.dsl().fetchCount(CALL_EVENT, CALL_EVENT.CALL_ID.eq(id).and(CALL_EVENT.STEP.eq("LEADER_MISSED"))))
                .isEqualTo(1);
    }

    @Test
    void aRingKeepsEachPersonRungWithTheDistrictOfTheOfficeInOneStatement() {
        long id = log.started(call("u.6", "node-a", NOW));
        long provincial = db.dsl().insertInto(OFFICE)
                .set(OFFICE.UNIT_ID, org.province())
                .set(OFFICE.CODE, "QT-SNV")
                .set(OFFICE.NAME, "Sở Nội vụ")
                .set(OFFICE.KIND, "DEPARTMENT").set(OFFICE.DIAL_CODE, "901")
                .returning(OFFICE.ID).fetchSingle().getId();
        Instant rung = NOW.minusSeconds(20);
        log.leaderRung(id, org.communeOffice(), new CallLog.LeaderRing(1, List.of(
                new CallLog.Person("Lê Văn A", "0911000001"), new CallLog.Person("Trần Thị B", "0911000002")),
                "NOANSWER", Duration.ofSeconds(20), rung));
        log.leaderRung(id, org.oneStopOffice(), new CallLog.LeaderRing(2, List.of(
                new CallLog.Person("Phạm C", "0911000003")), "ANSWER", null, NOW));
        log.leaderRung(id, provincial, new CallLog.LeaderRing(3, List.of(
                new CallLog.Person("Võ D", "0911000004")), "BUSY", Duration.ofSeconds(5), NOW));
        log.leaderRung(id, null, new CallLog.LeaderRing(4, List.of(
                new CallLog.Person("Đỗ E", "0911000005")), "", Duration.ofSeconds(5), NOW));
        log.leaderRung(id, org.oneStopOffice(), new CallLog.LeaderRing(5, List.of(), "ANSWER", null, NOW));

        var d = LEADER_DIAL;
        var rows = db.dsl().selectFrom(d).where(d.CALL_ID.eq(id)).orderBy(d.ID).fetch();
        assertThat(rows).extracting(r -> r.getLevel().intValue(), r -> r.getPersonName(), r -> r.getPhone(),
                        r -> r.getOfficeId(), r -> r.getAdminUnitId(), r -> r.getDialStatus(), r -> r.getRingSeconds())
                .containsExactly(
                        // A commune office's ring counts for its district, as does the district's own office;
                        // an office with no district above it, for its own unit; no office, for no unit.
                        tuple(1, "Lê Văn A", "0911000001", org.communeOffice(),
                                org.district(), "NOANSWER", 20),
                        tuple(1, "Trần Thị B", "0911000002", org.communeOffice(),
                                org.district(), "NOANSWER", 20),
                        tuple(2, "Phạm C", "0911000003", org.oneStopOffice(),
                                org.district(), "ANSWER", null),
                        tuple(3, "Võ D", "0911000004", provincial, org.province(),
                                "BUSY", 5),
                        tuple(4, "Đỗ E", "0911000005", null, null, "", 5));
        assertThat(rows.getFirst().getAt().toInstant()).isEqualTo(rung);
        // The same district as the missed-call event finds for the same office (one rule, two places).
        assertThat(log.leaderCallMissed(id, org.communeOffice(), null, "NO_ANSWER").adminUnitId())
                .isEqualTo(org.district());
    }

    @Test
    void aFailingListenerRollsTheMissedCallEventBack() {
        long id = log.started(call("u.5", "node-a", NOW));
        JooqCallLog failing = new JooqCallLog(db.dsl(), e -> {
            throw new IllegalStateException("listener failed");
        }, new Organisation(db.dsl(), new LeagueMarks(db.dsl())), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> failing.leaderCallMissed(id, org.oneStopOffice(), null, "NO_ANSWER"))
                .hasMessageContaining("listener failed");
        assertThat(db.dsl().fetchCount(CALL_EVENT, CALL_EVENT.CALL_ID.eq(id))).isZero();
    }

    private String outcome(long id) {
        return db.dsl().select(HOTLINE_CALL.OUTCOME).from(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(id)).fetchSingle()
                .value1();
    }

    @Test
    void aJournaledCallIsFoundByItsUniqueIdOrCreatedClosedOnce() {
        long live = log.started(call("1700000000.21", "node-a", NOW));
        assertThat(log.journaledCall(call("1700000000.21", "node-a", NOW), NOW.plusSeconds(60))).isEqualTo(live);

        long created = log.journaledCall(call("1700000000.22", "node-a", NOW), NOW.plusSeconds(90));
        assertThat(log.journaledCall(call("1700000000.22", "node-a", NOW), NOW.plusSeconds(90))).isEqualTo(created);
        var row = db.dsl().selectFrom(HOTLINE_CALL).where(HOTLINE_CALL.ID.eq(created)).fetchSingle();
        assertThat(row.getOutcome()).isEqualTo("COMPLETED");
        assertThat(row.getLastStep()).isEqualTo("JOURNAL");
        assertThat(row.getEndedAt().toInstant()).isEqualTo(NOW.plusSeconds(90));
        assertThat(db.dsl().fetchCount(HOTLINE_CALL, HOTLINE_CALL.ASTERISK_UNIQUE_ID.eq("1700000000.22")))
                .isEqualTo(1);
    }
}
