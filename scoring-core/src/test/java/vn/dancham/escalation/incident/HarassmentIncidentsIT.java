package vn.dancham.escalation.incident;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.complaint.internal.HarassmentIncidents;
import vn.dancham.complaint.internal.JooqComplaints;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * A harassment report is one write on the caller's time; its urgent incident and the SMS to the leader on duty are
 * opened just after, by {@link HarassmentIncidents}, exactly once whichever node, crash or failure comes between
 * (issue 16). Real PostgreSQL, the incident listener wired as Spring wires it (it joins the opener's transaction).
 */
class HarassmentIncidentsIT {

    final Harness h = new Harness(new Harness.RecordingGateway()).withDayRoster();
    final JdbcTransactionManager transactions = new JdbcTransactionManager(h.db.dataSource());
    /** The statements sent while {@code counting} (savepoints, commits and rollbacks are not statements here). */
    final List<String> statements = new CopyOnWriteArrayList<>();
    volatile boolean counting;
    /** jOOQ as Spring Boot wires it: a transaction-aware DataSource and Spring's transaction provider. */
    final DSLContext dsl = org.jooq.impl.DSL.using(new org.jooq.impl.DefaultConfiguration()
            .set(new org.jooq.impl.DataSourceConnectionProvider(
                    new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(h.db.dataSource())))
            .set(new org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider(transactions))
            .set(new org.jooq.impl.DefaultExecuteListenerProvider(new org.jooq.impl.CallbackExecuteListener()
                    .onExecuteEnd(ctx -> {
                        if (this.counting) {
                            this.statements.add(ctx.sql());
                        }
                    })))
            .set(org.jooq.SQLDialect.POSTGRES));
    final IncidentOpening opening = new IncidentOpening(dsl, h.store,
            new Escalator(dsl, h.store, h.roster, h.outbox, h.texts, h.clock), h.texts, h.settings, h.clock);
    /** Every report an opener published, by complaint id (once per commit: a rolled-back opening is taken out). */
    final List<Long> published = new CopyOnWriteArrayList<>();
    final List<HarassmentIncidents> started = new ArrayList<>();

    @AfterEach
    void tearDown() {
        started.forEach(HarassmentIncidents::stop);
        h.close();
    }

    HarassmentIncidents opener(Duration poll) {
        return new HarassmentIncidents(dsl, transactions, listener(e -> { }), poll);
    }

    /** Opens the incident as in production, after {@code first} has had its say (it may throw). */
    ApplicationEventPublisher listener(java.util.function.Consumer<HarassmentReported> first) {
        return event -> {
            HarassmentReported e = (HarassmentReported) event;
            first.accept(e);
            opening.on(e);
            published.add(e.complaintId());
        };
    }

    NewComplaint report(String key) {
        return new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null, h.org.oneStopOffice(), null,
                "0912345678", "2026/11/22/1700000000_1-1.wav", 9, NewComplaint.RecordingState.RECORDED,
                Harness.T0.minusSeconds(30), key);
    }

    /** A caller whose reports the incident listener cannot open (a listener's bug, as far as the opener knows). */
    static final String BAD_CALLER = "0900000000";

    HarassmentIncidents openerFailingFor(String callerNumber) {
        return new HarassmentIncidents(dsl, transactions, listener(e -> {
            if (e.callerNumber().equals(callerNumber)) {
                throw new IllegalStateException("a listener's bug");
            }
        }), Duration.ofHours(1));
    }

    NewComplaint badReport(String key) {
        return new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null, h.org.oneStopOffice(), null,
                BAD_CALLER, null, null, NewComplaint.RecordingState.NONE, Harness.T0, key);
    }

    boolean due(long complaint) {
        return h.db.dsl().select(COMPLAINT.INCIDENT_DUE).from(COMPLAINT).where(COMPLAINT.ID.eq(complaint))
                .fetchSingle().value1();
    }

    @Test
    void theReportIsOneWriteAndItsIncidentAndSmsFollowOnceOpened() {
        HarassmentIncidents opener = opener(Duration.ofHours(1));
        long id = new JooqComplaints(dsl, opener).record(report("call-1/h"));
        assertThat(due(id)).isTrue();
        assertThat(h.db.dsl().fetchCount(INCIDENT)).as("nothing opened on the caller's time").isZero();
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isZero();
        assertThat(opener.waiting()).as("what the operators' gauge reads").isEqualTo(1);

        assertThat(opener.openDue()).isEqualTo(1);
        assertThat(due(id)).isFalse();
        assertThat(opener.waiting()).isZero();
        var incident = h.db.dsl().selectFrom(INCIDENT).fetchSingle();
        assertThat(incident.getKind()).isEqualTo("HARASSMENT_REPORT");
        assertThat(incident.getSeverity()).isEqualTo("URGENT");
        assertThat(incident.getOfficeId()).isEqualTo(h.org.oneStopOffice());
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).as("the leader on duty is texted").isEqualTo(1);

        assertThat(opener.openDue()).as("each report opens its incident once").isZero();
        new JooqComplaints(dsl, opener).record(report("call-1/h"));
        assertThat(opener.openDue()).as("the journal replaying the report opens nothing more").isZero();
        assertThat(published).containsExactly(id);
    }

    @Test
    void twoNodesOpeningAtTheSameMomentOpenEachReportOnce() throws Exception {
        HarassmentIncidents a = opener(Duration.ofHours(1));
        HarassmentIncidents b = opener(Duration.ofHours(1));
        JooqComplaints complaints = new JooqComplaints(dsl, a);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(complaints.record(report("race-" + i + "/h")));
        }
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> byA = pool.submit(() -> {
                go.await();
                return a.openDue();
            });
            Future<Integer> byB = pool.submit(() -> {
                go.await();
                return b.openDue();
            });
            go.countDown();
            assertThat(byA.get() + byB.get()).isEqualTo(40);
        }
        assertThat(published).as("every report once, none twice").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(h.db.dsl().fetchCount(COMPLAINT, COMPLAINT.INCIDENT_DUE.isTrue())).isZero();
    }

    @Test
    void theDatabaseAwayLeavesTheReportWaitingAndNothingHalfOpened() {
        AtomicInteger failures = new AtomicInteger(1);
        HarassmentIncidents opener = new HarassmentIncidents(dsl, transactions, listener(e -> {
            if (failures.getAndDecrement() > 0) {
                // After the listeners wrote nothing yet: what the driver throws when the connection is lost.
                throw new TransientDataAccessResourceException("I/O error: connection reset");
            }
        }), Duration.ofHours(1));
        long id = new JooqComplaints(dsl, opener).record(report("away/h"));
        assertThatThrownBy(opener::openDue).isInstanceOf(TransientDataAccessResourceException.class);
        assertThat(due(id)).as("the report waits, marked").isTrue();
        assertThat(h.db.dsl().fetchCount(COMPLAINT, COMPLAINT.INCIDENT_FAILED_AT.isNotNull())).isZero();
        assertThat(h.db.dsl().fetchCount(INCIDENT)).isZero();

        assertThat(opener.openDue()).isEqualTo(1);
        assertThat(h.db.dsl().fetchCount(INCIDENT)).isEqualTo(1);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isEqualTo(1);
    }

    @Test
    void aReportWhoseIncidentCannotBeOpenedIsSetAsideAndDoesNotHoldBackTheNext() {
        HarassmentIncidents opener = openerFailingFor(BAD_CALLER);
        JooqComplaints complaints = new JooqComplaints(dsl, opener);
        NewComplaint bad = badReport("bad/h");
        long first = complaints.record(bad);
        long next = complaints.record(report("next/h"));

        assertThat(opener.openDue()).isEqualTo(1);
        assertThat(published).containsExactly(next);
        var setAside = h.db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(first)).fetchSingle();
        assertThat(setAside.getIncidentFailedAt()).isNotNull();
        assertThat(setAside.getIncidentFailure()).contains("a listener's bug");
        assertThat(setAside.getStatus()).as("the report itself stays for the handlers").isEqualTo("NEW");
        assertThat(opener.openDue()).as("set aside, not tried at every pass").isZero();
        assertThat(opener.setAside()).isEqualTo(1);
        assertThat(opener.waiting()).isZero();
    }

    @Test
    void aHandlerRetriesAReportSetAsideOnceTheCauseIsMendedAndTheLeaderIsTextedOnce() {
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        HarassmentIncidents opener = new HarassmentIncidents(dsl, transactions, listener(e -> {
            if (broken.get()) {
                throw new IllegalStateException("a listener's bug, take " + published.size());
            }
        }), Duration.ofHours(1));
        JooqComplaints complaints = new JooqComplaints(dsl, opener);
        long report = complaints.record(report("retry/h"));
        assertThat(opener.openDue()).isZero();
        assertThat(opener.setAside()).isEqualTo(1);

        // Still broken: it stays set aside, with the new reason, and nothing was sent.
        var again = opener.retry(report);
        assertThat(again).isInstanceOf(vn.dancham.complaint.ReportIncidents.Retry.FailedAgain.class);
        assertThat(((vn.dancham.complaint.ReportIncidents.Retry.FailedAgain) again).reason())
                .contains("a listener's bug");
        assertThat(opener.setAside()).isEqualTo(1);
        assertThat(h.db.dsl().fetchCount(INCIDENT)).isZero();
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isZero();
        assertThat(opener.openDue()).as("still not taken by the background pass").isZero();

        broken.set(false);
        assertThat(opener.retry(report)).isEqualTo(new vn.dancham.complaint.ReportIncidents.Retry.Opened());
        assertThat(published).containsExactly(report);
        assertThat(due(report)).isFalse();
        var row = h.db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(report)).fetchSingle();
        assertThat(row.getIncidentFailedAt()).isNull();
        assertThat(h.db.dsl().fetchCount(INCIDENT)).isEqualTo(1);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isEqualTo(1);
        assertThat(opener.setAside()).isZero();

        // A second click (or another handler's) changes nothing and texts nobody again.
        assertThat(opener.retry(report)).isEqualTo(new vn.dancham.complaint.ReportIncidents.Retry.NotSetAside());
        assertThat(opener.retry(-1)).isEqualTo(new vn.dancham.complaint.ReportIncidents.Retry.NotSetAside());
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isEqualTo(1);
        assertThat(published).hasSize(1);
    }

    @Test
    void theNodeThatStoredTheReportOpensItsIncidentAsSoonAsTheWriteCommits() throws Exception {
        // No poll within the test's time: only the wake-up after the write can open it.
        HarassmentIncidents opener = opener(Duration.ofHours(1));
        opener.start();
        started.add(opener);
        JooqComplaints complaints = new JooqComplaints(dsl, opener);
        TransactionTemplate tx = new TransactionTemplate(transactions);

        // Written in a transaction that rolls back: no report, no wake-up, nothing opened.
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            complaints.record(report("rolled-back/h"));
            throw new IllegalStateException("the caller's transaction failed");
        })).hasMessageContaining("failed");
        // Written alone (the hotline), then inside a transaction that commits later: both opened after commit.
        long alone = complaints.record(report("alone/h"));
        long inTx = tx.execute(s -> complaints.record(report("in-tx/h")));

        Instant giveUp = Instant.now().plusSeconds(30);
        while (published.size() < 2) {
            assertThat(Instant.now()).as("both incidents opened by the wake-ups").isBefore(giveUp);
            Thread.sleep(10);
        }
        assertThat(published).containsExactly(alone, inTx);
        assertThat(h.db.dsl().fetchCount(COMPLAINT)).isEqualTo(2);
        assertThat(h.db.dsl().fetchCount(COMPLAINT, COMPLAINT.INCIDENT_DUE.isTrue())).isZero();
    }

    @Test
    void aNodeStoppingOpensWhatIsStillWaitingBeforeItStops() throws Exception {
        HarassmentIncidents opener = opener(Duration.ofHours(1));
        opener.start();
        long first = new JooqComplaints(dsl, opener).record(report("first/h"));
        Instant giveUp = Instant.now().plusSeconds(30);
        while (!published.contains(first)) {
            assertThat(Instant.now()).as("the running opener woke for the first report").isBefore(giveUp);
            Thread.sleep(10);
        }
        // Stored without waking it (as by another node), while it waits for its next wake-up or poll (an hour).
        long last = new JooqComplaints(dsl, opener(Duration.ofHours(1))).record(report("last-call/h"));
        opener.stop();
        assertThat(opener.isRunning()).isFalse();
        assertThat(published).containsExactly(first, last);
        assertThat(due(last)).isFalse();
    }

    @Test
    void aReportLeftByANodeThatDiedIsOpenedByAnotherNodesPoll() throws Exception {
        // Stored by a node whose opener never ran (it died just after the write).
        HarassmentIncidents dead = opener(Duration.ofHours(1));
        long id = new JooqComplaints(dsl, dead).record(report("orphan/h"));
        HarassmentIncidents other = opener(Duration.ofMillis(200));
        other.start();
        started.add(other);
        Instant giveUp = Instant.now().plusSeconds(30);
        while (published.isEmpty()) {
            assertThat(Instant.now()).as("opened by the other node's poll").isBefore(giveUp);
            Thread.sleep(10);
        }
        assertThat(published).containsExactly(id);
    }

    /**
     * Reports stored while the opener was busy or away (a burst on a busy hotline, a node's reports after an outage)
     * share one transaction: one claim, one commit, the marks cleared together, where each report used to take a
     * transaction of its own and leave an empty claim after it. Each report still adds its own occurrence to the
     * incident, and the leader is texted once.
     */
    @Test
    void reportsWaitingTogetherAreOpenedInOneTransaction() {
        List<Long> transactionsSeen = new CopyOnWriteArrayList<>();
        HarassmentIncidents opener = new HarassmentIncidents(dsl, transactions, listener(e -> transactionsSeen.add(
                dsl.fetchSingle("SELECT txid_current()").get(0, Long.class))), Duration.ofHours(1));
        JooqComplaints complaints = new JooqComplaints(dsl, opener);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(complaints.record(report("burst-" + i + "/h")));
        }

        assertThat(opener.openDue()).isEqualTo(5);
        assertThat(published).containsExactlyElementsOf(ids);
        assertThat(transactionsSeen.stream().distinct().count()).as("one transaction").isEqualTo(1);
        assertThat(h.db.dsl().fetchCount(COMPLAINT, COMPLAINT.INCIDENT_DUE.isTrue())).isZero();
        var incident = h.db.dsl().selectFrom(INCIDENT).fetchSingle();
        assertThat(incident.getOccurrences()).as("one office's incident, five reports").isEqualTo(5);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isEqualTo(1);
    }

    /** A report that cannot be opened in the middle of a batch is set aside alone; the batch's others are opened. */
    @Test
    void aBadReportInTheMiddleOfABatchIsSetAsideAndTheOthersAreOpenedOnce() {
        HarassmentIncidents opener = openerFailingFor(BAD_CALLER);
        JooqComplaints complaints = new JooqComplaints(dsl, opener);
        long before = complaints.record(report("before/h"));
        long bad = complaints.record(badReport("middle/h"));
        long after = complaints.record(report("after/h"));

        assertThat(opener.openDue()).isEqualTo(2);
        assertThat(h.db.dsl().selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(bad)).fetchSingle().getIncidentFailure())
                .contains("a listener's bug");
        assertThat(due(before)).isFalse();
        assertThat(due(after)).isFalse();
        // The batch's first try rolled back with its incident: what stands is one incident of two occurrences.
        assertThat(h.db.dsl().selectFrom(INCIDENT).fetchSingle().getOccurrences()).isEqualTo(2);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).as("the leader texted once").isEqualTo(1);
        assertThat(opener.setAside()).isEqualTo(1);
        assertThat(opener.waiting()).isZero();
    }

    /**
     * A report about an officer whose incident is open already (most reports, once a busy office has one): its
     * opening is five statements: the claim, the report's place (its officer, office and unit in one lookup), the
     * occurrence, its timeline entry and the mark cleared. It was seven: the officer and the office looked up apart,
     * and an empty claim after each report (issue 16).
     */
    @Test
    void aRepeatedReportAboutAnOfficerIsOpenedInFiveStatements() {
        HarassmentIncidents opener = opener(Duration.ofHours(1));
        JooqComplaints complaints = new JooqComplaints(dsl, opener);
        complaints.record(aboutTheOfficer("first/h"));
        assertThat(opener.openDue()).isEqualTo(1);
        long again = complaints.record(aboutTheOfficer("again/h"));

        counting = true;
        assertThat(opener.openDue()).isEqualTo(1);
        counting = false;
        assertThat(statements).as(String.join("%n", statements)).hasSize(5);
        var incident = h.db.dsl().selectFrom(INCIDENT).fetchSingle();
        assertThat(incident.getSubjectType()).isEqualTo("OFFICER");
        assertThat(incident.getSubjectId()).isEqualTo(h.org.officer());
        assertThat(incident.getOccurrences()).isEqualTo(2);
        assertThat(due(again)).isFalse();
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).as("texted for the first report only").isEqualTo(1);
    }

    NewComplaint aboutTheOfficer(String key) {
        return new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null, h.org.oneStopOffice(),
                h.org.officer(), "0912345678", null, null, NewComplaint.RecordingState.NONE, Harness.T0, key);
    }
}
