package vn.dancham.rating.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.db.BackgroundLoop;
import vn.dancham.db.DatabaseFailures;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.RatingWriter;
import vn.dancham.scoring.internal.Aggregates;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The rating writer: applies the answers kept in {@code rating_inbox} in batches, each batch in one transaction
 * that takes the cluster-wide writer lock, claims the oldest waiting answers, records each exactly as
 * {@link RatingRecorder#record} would (attribution, supersession, {@link EligibilityPolicy}, holds, events), applies
 * the batch's net aggregate contributions with one statement each way ({@link Contributions}) and deletes the
 * batch's inbox rows. A crash anywhere rolls all of it back: the answers wait in the inbox for the next claim.
 * <p>
 * One batch at a time across every node sharing the database, in the order the answers were kept: the eligibility
 * rules compare an answer with every earlier one about the same dossier, from the same caller and about the same
 * officers, so answers applied concurrently could each miss the other. One writer at a time applies them exactly as
 * a single node applying them one by one would; the batch, not parallelism, is what makes it fast. Nodes are
 * interchangeable: each nudges its own writer after keeping an answer and polls as a fallback, and a node that dies
 * leaves its waiting answers to the others.
 */
public final class InboxWriter implements RatingWriter, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);

    /**
     * The writer lock: advisory key pair (16, 1), issue 16's. The two-key space is apart from the one-key locks
     * on {@code hashtext(...)} the recorder takes, so it cannot collide with a dossier's or a caller's.
     * <p>
     * And, for the batch's transaction, plans made for each statement's values and the tables as they are now
     * ({@code plan_cache_mode}; the recorder sets it back to {@code auto} once it has drawn the ratings' ids, for its
     * insert's foreign-key checks). The claim and the delete below run thousands of times against an inbox that is
     * nearly always empty: after five executions PostgreSQL would keep one plan made then, reading the whole table,
     * and use it when a backlog builds, so the catch-up slowed as the backlog grew
     * ({@code RatingPipelineIT.theWriterClaimsAndDeletesWithPlansMadeForTheInboxAsItIsNow}). Behind 130,000 answers
     * the kept plan deleted a batch of 500 in 286 ms, a plan made now in 0.46 ms
     * ({@code ScaleMeasurementIT.theWritersStatementsBehindABacklog}, bench/results/2026-12-06-ingest-analyze.md).
     * Planning costs a fraction of a millisecond a batch. The claim needs more than a fresh plan: see {@link #CLAIM}.
     */
    private static final String WRITER_LOCK = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(16, 1)) AS locked, "
            + "set_config('plan_cache_mode', 'force_custom_plan', true)";

    /**
     * The oldest waiting answers, locked, skipping those another node's batch holds: {@code rating_inbox_claim}
     * (migration V273) reads them in order from the waiting index whatever the inbox's statistics say.
     */
    private static final String CLAIM = """
            SELECT id, call_id, dossier_id, office_id, question_code, value, caller_number, given_at, channel,
                   answer_key, known_digits, receipt_no
            FROM rating_inbox_claim(?)""";

    private final DSLContext dsl;
    private final TransactionTemplate tx;
    private final RatingRecorder recorder;
    private final Aggregates aggregates;
    private final InboxSignal signal;
    private final int batchSize;
    private final Duration poll;
    private final Duration linger;
    private final Runnable afterApplied;
    /** Told the size of every batch committed (tests; the metric dancham.rating.batch for operators). */
    private volatile IntConsumer batchObserver = n -> { };
    /**
     * Applies what waits, then gathers: a full batch, or what was kept here within the linger of the first answer,
     * or the poll. The database away: nothing is lost (the batch rolled back), it tries again after the poll.
     */
    private final BackgroundLoop loop;

    /**
     * @param batchSize most answers per transaction (advisory locks are held to its end: three per answer)
     * @param poll      how often the inbox is looked at without a nudge (answers kept by a node that died)
     * @param linger    how long after the first answer kept on this node the writer waits for more before it
     *                  claims them, unless a full batch was kept sooner (zero: at once)
     */
    public InboxWriter(DSLContext dsl, PlatformTransactionManager transactions, RatingRecorder recorder,
                       Aggregates aggregates, InboxSignal signal, int batchSize, Duration poll, Duration linger) {
        this(dsl, transactions, recorder, aggregates, signal, batchSize, poll, linger, () -> { });
    }

    /**
     * @param afterApplied run after the waiting answers were applied (their batches committed), outside any batch:
     *                     computes again the league tables kept ready that the batches marked stale, so pages stay
     *                     one read; its failure is logged and never holds answers back
     */
    public InboxWriter(DSLContext dsl, PlatformTransactionManager transactions, RatingRecorder recorder,
                       Aggregates aggregates, InboxSignal signal, int batchSize, Duration poll, Duration linger,
                       Runnable afterApplied) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("A batch holds at least one answer: " + batchSize);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("The writer's linger cannot be negative: " + linger);
        }
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
        this.recorder = recorder;
        this.aggregates = aggregates;
        this.signal = signal;
        this.batchSize = batchSize;
        this.poll = poll;
        this.linger = linger;
        this.afterApplied = afterApplied;
        this.loop = new BackgroundLoop("rating-writer", log, "Rating writer cannot apply the inbox; the answers wait "
                + "there", "Rating writer applies the inbox again", poll, () -> {
                    applyPending();
                    signal.await(this.poll, this.linger, this.batchSize);
                });
    }

    /**
     * Applies the waiting answers in batches, one after the other while they come full; returns after the first
     * batch that is not full (the inbox held fewer than a batch when it was claimed, so it was emptied of every
     * answer committed before that claim). Answers kept meanwhile nudged the writer for its next pass: under a
     * steady trickle the writer goes back to gathering them for its linger rather than claiming each at once.
     */
    @Override
    public int applyPending() {
        int handled = 0;
        while (true) {
            int n;
            try {
                n = applyBatch(batchSize, new ArrayList<>());
            } catch (RuntimeException e) {
                if (DatabaseFailures.isTransient(e)) {
                    throw e;
                }
                // One answer the recorder or the database refuses (an unknown question, a constraint, a listener's
                // bug) spoils its whole batch, and would spoil every retry of it: find it by applying the answers
                // one at a time, each in its own transaction, and set aside only those that fail alone.
                log.warn("A batch of the rating inbox failed ({}); applying its answers one by one", e.toString());
                n = isolate();
            }
            handled += n;
            if (n < batchSize) {
                if (handled > 0) {
                    refreshAfter();
                }
                return handled;
            }
        }
    }

    /** After the inbox is drained, not after every batch: a burst of batches refreshes each table once. */
    private void refreshAfter() {
        try {
            afterApplied.run();
        } catch (RuntimeException e) {
            log.warn("League tables kept ready were not refreshed after the rating batches (they are computed on "
                    + "their next view or by the periodic refresh): {}", e.toString());
        }
    }

    private int isolate() {
        int handled = 0;
        for (int i = 0; i < batchSize; i++) {
            List<Long> claimed = new ArrayList<>();
            try {
                int n = applyBatch(1, claimed);
                if (n == 0) {
                    break;
                }
                handled += n;
            } catch (RuntimeException e) {
                if (DatabaseFailures.isTransient(e) || claimed.isEmpty()) {
                    throw e;
                }
                String why = String.valueOf(e.getMessage());
                // Another node may be finding the same culprit: only the one that marks it counts it.
                handled += setAside(claimed.getFirst(), reason(why));
            }
        }
        return handled;
    }

    /** One batch in one transaction; returns how many answers it handled (0: none waiting). */
    int applyBatch(int size, List<Long> claimed) {
        return applyBatch(() -> {
            signal.claiming();
            return dsl.fetch(CLAIM, size).map(InboxWriter::waiting);
        }, claimed, new ArrayList<>());
    }

    private int applyBatch(java.util.function.Supplier<List<Waiting>> claim, List<Long> claimed,
                           List<Map.Entry<RatingSubmission, RatingReceipt>> stored) {
        long[] at = new long[6];
        int handled = recorder.retryingLockConflicts(() -> tx.execute(status -> {
            claimed.clear();
            stored.clear();
            at[0] = System.nanoTime();
            dsl.fetch(WRITER_LOCK);
            List<Waiting> batch = claim.get();
            if (batch.isEmpty()) {
                return 0;
            }
            at[1] = System.nanoTime();
            batch.forEach(w -> claimed.add(w.id()));
            Contributions contributions = Contributions.deferred(aggregates);
            List<Long> applied = new ArrayList<>(batch.size());
            List<RatingSubmission> submissions = new ArrayList<>(batch.size());
            Map<Long, String> unusable = new LinkedHashMap<>();
            for (Waiting w : batch) {
                if (w.problem() != null) {
                    unusable.put(w.id(), w.problem());
                    continue;
                }
                submissions.add(w.submission());
                applied.add(w.id());
            }
            // Out of the inbox in the transaction that applies them (all or nothing), while this transaction still
            // plans for the inbox as it is (WRITER_LOCK).
            dsl.execute("DELETE FROM rating_inbox WHERE id = ANY(?::bigint[])", (Object) applied.toArray(Long[]::new));
            markAside(unusable);
            at[2] = System.nanoTime();
            // Any failure (an unknown question, dossier or office included) fails the whole batch, so that no
            // answer is ever half recorded; applyPending then finds the culprit one answer at a time.
            List<RatingReceipt> receipts = recorder.recordBatch(submissions, contributions);
            for (int i = 0; i < receipts.size(); i++) {
                stored.add(Map.entry(submissions.get(i), receipts.get(i)));
            }
            at[3] = System.nanoTime();
            contributions.flush();
            at[4] = System.nanoTime();
            return batch.size();
        }));
        at[5] = System.nanoTime();
        if (handled > 0 && log.isDebugEnabled()) {
            // Where a batch's time goes (issue 16's measurement): read with logging.level.vn.dancham.rating=DEBUG.
            log.debug("Rating batch of {}: lock and claim {} ms, delete {} ms, record {} ms, aggregates {} ms, "
                            + "commit {} ms", handled, ms(at[1] - at[0]), ms(at[2] - at[1]), ms(at[3] - at[2]),
                    ms(at[4] - at[3]), ms(at[5] - at[4]));
        }
        // Counted once the batch committed: what the rules made of each answer (dancham_answers_total).
        stored.forEach(e -> RatingMetrics.stored(e.getKey(), e.getValue()));
        if (handled > 0) {
            RatingMetrics.batch(handled);
            batchObserver.accept(handled);
        }
        return handled;
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** Returns 1 when this call set the answer aside, 0 when it was already (by another node) or is gone. */
    private int setAside(long id, String why) {
        return tx.execute(status -> markAside(Map.of(id, why)));
    }

    private int markAside(Map<Long, String> unusable) {
        int marked = 0;
        for (Map.Entry<Long, String> e : unusable.entrySet()) {
            int n = dsl.execute("UPDATE rating_inbox SET failed_at = now(), failure = ? WHERE id = ? "
                    + "AND failed_at IS NULL", e.getValue(), e.getKey());
            if (n == 1) {
                log.error("Rating answer {} in the inbox cannot be applied and is kept aside: {}", e.getKey(),
                        e.getValue());
            }
            marked += n;
        }
        return marked;
    }

    private static final String CLAIM_SET_ASIDE = """
            SELECT i.id, i.call_id,
                   coalesce(i.dossier_id, (SELECT d.id FROM dossier d WHERE d.receipt_no = i.receipt_no)),
                   i.office_id, i.question_code, i.value, i.caller_number, i.given_at, i.channel, i.answer_key,
                   i.known_digits, i.receipt_no
            FROM rating_inbox i
            WHERE i.id = ? AND i.failed_at IS NOT NULL AND i.discarded_at IS NULL FOR UPDATE OF i""";

    /**
     * One answer set aside, claimed under the writer lock (so it is applied between two batches, against every answer
     * applied before it, as any other) and applied as a batch of one; on failure it stays set aside with the new
     * reason. Two people pressing at once: the second waits for the first's lock, then finds it applied.
     */
    @Override
    public Retry retry(long answerId) {
        List<Long> claimed = new ArrayList<>();
        List<Map.Entry<RatingSubmission, RatingReceipt>> stored = new ArrayList<>();
        String[] unusable = new String[1];
        int handled;
        try {
            handled = applyBatch(() -> {
                List<Waiting> one = dsl.fetch(CLAIM_SET_ASIDE, answerId).map(InboxWriter::waiting);
                if (!one.isEmpty() && one.getFirst().problem() != null) {
                    // Still unreadable: nothing to apply, and markAside would not touch a row set aside already.
                    unusable[0] = one.getFirst().problem();
                    return List.of();
                }
                return one;
            }, claimed, stored);
        } catch (RuntimeException e) {
            if (DatabaseFailures.isTransient(e)) {
                throw e;
            }
            log.error("Rating answer {}, set aside, could not be applied again; it stays set aside", answerId, e);
            return failedAgain(answerId, String.valueOf(e.getMessage()));
        }
        if (unusable[0] != null) {
            return failedAgain(answerId, unusable[0]);
        }
        if (handled == 0 || stored.isEmpty()) {
            return new Retry.NotSetAside();
        }
        log.info("Rating answer {}, set aside, is applied on HR's request: {}", answerId,
                stored.getFirst().getValue().outcome());
        refreshAfter();
        return new Retry.Applied(stored.getFirst().getValue());
    }

    /**
     * A retry of the same answer holds its row until it commits; this waits for it and then finds the row applied
     * (gone) or still set aside: an answer is counted or closed, never both.
     */
    @Override
    public boolean discard(long answerId, String by) {
        return dsl.execute("UPDATE rating_inbox SET discarded_at = now(), discarded_by = ? "
                + "WHERE id = ? AND failed_at IS NOT NULL AND discarded_at IS NULL", by, answerId) == 1;
    }

    /** The reason kept beside an answer set aside: the program's words, cut to what the page and log need. */
    static String reason(String why) {
        return why.length() > 500 ? why.substring(0, 500) : why;
    }

    private Retry failedAgain(long id, String why) {
        String reason = reason(why);
        tx.executeWithoutResult(status -> dsl.execute("UPDATE rating_inbox SET failed_at = now(), failure = ? "
                + "WHERE id = ? AND failed_at IS NOT NULL", reason, id));
        return new Retry.FailedAgain(reason);
    }

    /** The known rows beside each answer are looked up now: whether what it names exists is what HR must mend. */
    private static final String SET_ASIDE_ANSWERS = """
            SELECT i.id, i.given_at, i.failed_at, i.question_code, q.criterion, q.id IS NOT NULL,
                   i.value::int, i.caller_number, i.channel, d.id, coalesce(d.receipt_no, i.receipt_no),
                   ((i.dossier_id IS NULL AND i.receipt_no IS NULL) OR d.id IS NOT NULL),
                   coalesce(d.receiving_office_id, i.office_id), o.name,
                   (i.dossier_id IS NOT NULL OR i.receipt_no IS NOT NULL OR o.id IS NOT NULL), i.failure
            FROM rating_inbox i
            LEFT JOIN rating_question q ON q.code = i.question_code
            LEFT JOIN dossier d ON d.id = coalesce(i.dossier_id,
                    (SELECT x.id FROM dossier x WHERE x.receipt_no = i.receipt_no))
            LEFT JOIN office o ON o.id = coalesce(d.receiving_office_id, i.office_id)
            WHERE i.failed_at IS NOT NULL AND i.discarded_at IS NULL
            ORDER BY i.failed_at DESC, i.id DESC
            LIMIT ?""";

    @Override
    public List<SetAsideAnswer> setAsideAnswers(int limit) {
        return dsl.fetch(SET_ASIDE_ANSWERS, limit).map(r -> new SetAsideAnswer(r.get(0, Long.class),
                r.get(1, OffsetDateTime.class).toInstant(), r.get(2, OffsetDateTime.class).toInstant(),
                r.get(3, String.class), r.get(4, String.class), r.get(5, Boolean.class), r.get(6, Integer.class),
                r.get(7, String.class), r.get(8, String.class), r.get(9, Long.class), r.get(10, String.class),
                r.get(11, Boolean.class), r.get(12, Long.class), r.get(13, String.class), r.get(14, Boolean.class),
                r.get(15, String.class)));
    }

    @Override
    public int waiting() {
        return dsl.fetchOne("SELECT count(*)::int FROM rating_inbox WHERE failed_at IS NULL").get(0, Integer.class);
    }

    @Override
    public int setAside() {
        return dsl.fetchOne("SELECT count(*)::int FROM rating_inbox WHERE failed_at IS NOT NULL "
                + "AND discarded_at IS NULL").get(0, Integer.class);
    }

    /** Tells {@code observer} the size of every batch this writer commits from now on (tests). */
    void observeBatches(IntConsumer observer) {
        this.batchObserver = observer;
    }

    /** An answer from the inbox, or why it cannot be one ({@code problem}). */
    private record Waiting(long id, RatingSubmission submission, String problem) {
    }

    private static Waiting waiting(Record r) {
        long id = r.get(0, Long.class);
        String receiptNo = r.get(11, String.class);
        if (r.get(2) == null && r.get(3) == null && receiptNo != null) {
            // Kept aside by the journal's replay: the register still does not know the number the caller typed.
            return new Waiting(id, null, "No dossier has receipt number " + receiptNo);
        }
        try {
            return new Waiting(id, new RatingSubmission(r.get(1, Long.class), r.get(2, Long.class),
                    r.get(3, Long.class), r.get(4, String.class), r.get(5, Integer.class), r.get(6, String.class),
                    r.get(7, OffsetDateTime.class).toInstant(), RatingSubmission.Channel.valueOf(r.get(8, String.class)),
                    r.get(9, String.class), r.get(10, String.class), false), null);
        } catch (IllegalArgumentException e) {
            return new Waiting(id, null, e.getMessage());
        }
    }

    // The background loop: woken by this node's answers, polling for the others'.

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.interrupt();
        try {
            loop.stop(() -> { }, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
