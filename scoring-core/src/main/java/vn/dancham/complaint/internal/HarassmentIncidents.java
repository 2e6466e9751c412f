package vn.dancham.complaint.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.complaint.ReportIncidents;
import vn.dancham.db.BackgroundLoop;
import vn.dancham.db.DatabaseFailures;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens the incident of each harassment report just after the report is stored, off the caller's time (issue 16:
 * one durable write while the caller waits, everything else after). The report is stored in one statement marked
 * {@code incident_due} ({@link JooqComplaints}); this opener then claims it with the others waiting
 * ({@code FOR UPDATE SKIP LOCKED}, up to {@link #BATCH}), publishes {@link HarassmentReported} for each — the
 * incident, its timeline and its first SMS rows are written by the listeners inside the same transaction — and clears
 * the marks, all in one transaction. So each report opens its
 * incident exactly once, whichever node gets there first, and a crash between the report and its incident leaves
 * the report marked for the next claim rather than without an incident.
 * <p>
 * When it runs: the node that stored the report wakes its opener as soon as the report's write has committed (the
 * SMS then leaves within milliseconds, as when it was written in the caller's transaction); reports stored while it
 * was busy are opened together by its next pass. Every opener also looks every {@code poll} for reports another node
 * stored and could not open (it died, or the database went away).
 * <p>
 * A report whose incident cannot be opened for a reason that would recur (a bug, a constraint) is set aside with
 * the reason ({@code incident_failed_at}, {@code incident_failure}) and logged as an error, so it never blocks the
 * reports after it; the report itself stays in the handlers' inbox. The database away sets nothing aside: the
 * reports wait, marked, for the next pass.
 */
@Component
public final class HarassmentIncidents implements ReportIncidents, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HarassmentIncidents.class);

    /** Reports another node stored and did not open are found within this. */
    static final Duration POLL = Duration.ofSeconds(5);

    /**
     * Most reports opened in one transaction. The opener does not wait to fill a batch (a leader is told as soon as
     * the report commits): what a batch gathers is what was stored while the opener was busy or away, a burst on a
     * busy hotline or a node's reports after an outage, which share one claim and one commit instead of a transaction
     * each (issue 16: the opener took about a twentieth of the node's CPU for a twentieth of its calls).
     */
    static final int BATCH = 32;

    /** The oldest reports waiting, locked for this transaction; reports another opener holds are passed over. */
    private static final String CLAIM = """
            SELECT c.id, c.call_id, c.dossier_id, d.receipt_no, c.office_id, c.officer_id, c.caller_number,
                   c.created_at
            FROM complaint c LEFT JOIN dossier d ON d.id = c.dossier_id
            WHERE c.incident_due AND c.incident_failed_at IS NULL
            ORDER BY c.id LIMIT ? FOR UPDATE OF c SKIP LOCKED""";

    /**
     * A report set aside, taken back (no longer set aside) and locked for this transaction: a rollback sets it aside
     * again as it was. A report another opener holds waits for it, and is then no longer set aside.
     */
    private static final String RETRY_CLAIM = """
            WITH c AS (
                UPDATE complaint SET incident_failed_at = NULL, incident_failure = NULL
                WHERE id = ? AND incident_due AND incident_failed_at IS NOT NULL
                RETURNING id, call_id, dossier_id, office_id, officer_id, caller_number, created_at)
            SELECT c.id, c.call_id, c.dossier_id, d.receipt_no, c.office_id, c.officer_id, c.caller_number,
                   c.created_at
            FROM c LEFT JOIN dossier d ON d.id = c.dossier_id""";

    /** After the failed opening's rollback (a retry's puts the old reason back): the new reason, now. */
    private static final String SET_ASIDE = """
            UPDATE complaint SET incident_failed_at = now(), incident_failure = ? WHERE id = ? AND incident_due""";

    private static final String OPENED = "UPDATE complaint SET incident_due = false WHERE id = ANY(?::bigint[])";

    private final DSLContext dsl;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Duration poll;
    /** Wake-ups: a permit per report stored here since the opener last looked (they are drained together). */
    private final Semaphore stored = new Semaphore(0);
    /** Opens what waits, then waits for a report stored here (its permit is left if one came meanwhile) or the poll. */
    private final BackgroundLoop loop;

    @Autowired
    public HarassmentIncidents(DSLContext dsl, PlatformTransactionManager transactions,
                               ApplicationEventPublisher events) {
        this(dsl, transactions, events, POLL);
    }

    public HarassmentIncidents(DSLContext dsl, PlatformTransactionManager transactions,
                               ApplicationEventPublisher events, Duration poll) {
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.poll = poll;
        this.loop = new BackgroundLoop("harassment-incidents", log, "Harassment reports' incidents cannot be opened "
                + "now; the reports wait", "Harassment reports' incidents are opened again", poll, () -> {
                    stored.drainPermits();
                    openDue();
                    stored.tryAcquire(this.poll.toNanos(), TimeUnit.NANOSECONDS);
                });
    }

    /**
     * A report marked due was written: wake this node's opener once the write is committed (at once when it was
     * written outside a transaction), so its claim sees it. A rolled-back write wakes nobody.
     */
    void reportStored() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    stored.release();
                }
            });
        } else {
            stored.release();
        }
    }

    /**
     * Opens the incident of every report waiting now, oldest first, up to {@link #BATCH} reports per transaction;
     * returns how many it opened. Reports another opener holds are left to it. Throws when the database is away
     * (nothing is set aside: the reports wait, marked).
     * <p>
     * A report whose incident cannot be opened (a bug, a constraint) spoils its batch, and would spoil every retry of
     * it: the batch's reports are then opened one per transaction, and only those that fail alone are set aside.
     */
    @Override
    public int openDue() {
        int opened = 0;
        while (true) {
            List<Long> claimed = new ArrayList<>();
            int n;
            try {
                n = tx.execute(status -> openAll(dsl.fetch(CLAIM, BATCH), claimed));
                opened += n;
            } catch (RuntimeException e) {
                if (DatabaseFailures.isTransient(e) || claimed.isEmpty()) {
                    throw e;
                }
                n = claimed.size();
                if (n == 1) {
                    setAside(claimed.getFirst(), e);
                    continue;
                }
                log.warn("A batch of {} harassment reports could not be opened ({}); opening them one by one", n,
                        e.toString());
                for (int i = 0; i < n; i++) {
                    OneReport one = openOne();
                    if (one == OneReport.NONE) {
                        break;
                    }
                    if (one == OneReport.OPENED) {
                        opened++;
                    }
                }
            }
            if (n < BATCH) {
                return opened;
            }
        }
    }

    private enum OneReport { OPENED, SET_ASIDE, NONE }

    /** The oldest report waiting, alone in its transaction; set aside when its incident cannot be opened. */
    private OneReport openOne() {
        List<Long> claimed = new ArrayList<>();
        try {
            int n = tx.execute(status -> openAll(dsl.fetch(CLAIM, 1), claimed));
            return n == 0 ? OneReport.NONE : OneReport.OPENED;
        } catch (RuntimeException e) {
            if (DatabaseFailures.isTransient(e) || claimed.isEmpty()) {
                throw e;
            }
            setAside(claimed.getFirst(), e);
            return OneReport.SET_ASIDE;
        }
    }

    private void setAside(long id, RuntimeException e) {
        log.error("The incident of harassment report {} could not be opened; the report is set aside "
                + "(incident_failed_at) and stays in the complaints inbox", id, e);
        tx.executeWithoutResult(status -> dsl.execute(SET_ASIDE, reason(e), id));
    }

    @Override
    public Retry retry(long reportId) {
        List<Long> claimed = new ArrayList<>();
        try {
            Integer opened = tx.execute(status -> openAll(dsl.fetch(RETRY_CLAIM, reportId), claimed));
            if (opened == null || opened == 0) {
                return new Retry.NotSetAside();
            }
            log.info("The incident of harassment report {}, set aside, is opened on a handler's request", reportId);
            return new Retry.Opened();
        } catch (RuntimeException e) {
            if (DatabaseFailures.isTransient(e) || claimed.isEmpty()) {
                throw e;
            }
            log.error("The incident of harassment report {} could not be opened again; it stays set aside", reportId, e);
            String why = reason(e);
            tx.executeWithoutResult(status -> dsl.execute(SET_ASIDE, why, reportId));
            return new Retry.FailedAgain(why);
        }
    }

    /**
     * Opens the incidents of the reports claimed ({@code claimedRows}: the columns of {@link #CLAIM}, locked by this
     * transaction) and clears their marks; returns how many. The listeners (the incident, its timeline, its SMS rows)
     * write in this transaction: they commit with the marks cleared, or roll back with them still set.
     * {@code claimed} is told the reports' ids before any incident is opened, so a failure names the claim.
     */
    private int openAll(Result<Record> claimedRows, List<Long> claimed) {
        if (claimedRows.isEmpty()) {
            return 0;
        }
        List<Long> ids = claimedRows.getValues(0, Long.class);
        claimed.addAll(ids);
        for (Record r : claimedRows) {
            long id = r.get(0, Long.class);
            events.publishEvent(new HarassmentReported(id, r.get(1, Long.class), r.get(2, Long.class),
                    r.get(3, String.class), r.get(4, Long.class), r.get(5, Long.class),
                    r.get(6, String.class), r.get(7, OffsetDateTime.class).toInstant()));
        }
        dsl.execute(OPENED, (Object) ids.toArray(Long[]::new));
        return ids.size();
    }

    private static String reason(RuntimeException e) {
        String why = String.valueOf(e.getMessage());
        return why.length() > 500 ? why.substring(0, 500) : why;
    }

    @Override
    public int waiting() {
        return dsl.fetchSingle("SELECT count(*) FROM complaint WHERE incident_due AND incident_failed_at IS NULL")
                .get(0, Integer.class);
    }

    @Override
    public int setAside() {
        return dsl.fetchSingle("SELECT count(*) FROM complaint WHERE incident_due AND incident_failed_at IS NOT NULL")
                .get(0, Integer.class);
    }

    // The background loop: woken by the reports stored on this node, polling for the others'.

    @Override
    public void start() {
        loop.start();
    }

    /**
     * Lets the pass under way finish, then opens once more what is still waiting: the hotline stops before this
     * (its phase is later), so the reports of its last calls are opened here rather than left to another node's
     * poll or, on a single node, to the next start.
     */
    @Override
    public void stop() {
        try {
            if (!loop.stop(stored::release, Duration.ofSeconds(10))) {
                loop.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            int opened = openDue();
            if (opened > 0) {
                log.info("Opened the incidents of {} harassment reports while stopping", opened);
            }
        } catch (RuntimeException e) {
            log.warn("Harassment reports still waiting at stop stay marked for another node or the next start: {}",
                    e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    @Override
    public int getPhase() {
        return BackgroundLoop.PHASE;
    }
}
