package vn.dancham.rating.internal;

import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.dancham.db.DatabaseFailures;
import vn.dancham.db.HotSql;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Keeps answers in {@code rating_inbox}, committing the answers of callers who arrive together in one statement and
 * one commit (issue 16: "an inbox row committed with other callers' answers — group commit").
 * <p>
 * No thread and no wait of its own: a caller queues its answer and tries the lock; whoever holds it writes every
 * answer queued at that moment, commits and wakes their callers, who return without taking the lock. A caller who
 * finds the lock held waits to be woken: its answer written, or, first in the queue, the lock free (it then writes
 * what is queued). Before, every caller took the lock in turn only to find its answer written: one hand-over per
 * answer, and the answer path stayed at about 3,200 answers/s from 1 to 16 threads
 * (bench/results/2026-12-05-inbox-hand-over.md). A lone caller writes its own answer at once, as before; under
 * load the answers that arrive while a commit is in flight share the next one. A commit of PostgreSQL costs a
 * backend wake-up, a transaction and, durable, a WAL flush, however little it carries: a quarter of a millisecond
 * of CPU on this project's 2-core machine (bench/results/2026-12-03-statement-costs-and-a-socket.md), paid once per
 * answer before this.
 * <p>
 * An answer counts as kept only once the statement that carries it has committed: a caller returns after that, or
 * with that statement's failure. A failure that looks like an outage fails the answers written with it and those
 * queued behind them (their callers have already waited one attempt; each keeps its answer in the journal), so no
 * caller waits for two attempts. Any other failure (a refusal: a bad value, a bug) is one answer's: the batch's
 * answers are then written one per statement, and only the refused one fails.
 * <p>
 * Inside a caller's own transaction an answer is written in it, alone: it must commit or roll back with the
 * caller's work, not with another caller's batch.
 */
final class InboxCommits {

    /** One answer as kept in the inbox: the columns {@link RatingRecorder#submit} writes. */
    record Answer(Long callId, Long dossierId, Long officeId, String questionCode, short value, String callerNumber,
                  OffsetDateTime givenAt, String channel, String answerKey, String knownDigits) {
    }

    /** Most answers in one statement: a burst larger than this is written by the next holders of the lock. */
    static final int MOST = 200;

    /**
     * A waiting caller looks again at least this often. It is normally woken before: by whoever wrote its answer, or,
     * first in the queue, by whoever released the lock.
     */
    private static final long WAIT_NANOS = 5_000_000;

    private static final String ONE = """
            INSERT INTO rating_inbox (call_id, dossier_id, office_id, question_code, value, caller_number, given_at,
                                      channel, answer_key, known_digits)
            VALUES (?::bigint, ?::bigint, ?::bigint, ?, ?::smallint, ?, ?::timestamptz, ?, ?, ?)
            ON CONFLICT (answer_key) DO NOTHING""";

    /**
     * Several answers: their keys come back for the rows written (an answer whose key was kept before is not). An
     * answer without a key is always written.
     */
    private static final String MANY = """
            INSERT INTO rating_inbox (call_id, dossier_id, office_id, question_code, value, caller_number, given_at,
                                      channel, answer_key, known_digits)
            SELECT * FROM unnest(?::text[]::bigint[], ?::text[]::bigint[], ?::text[]::bigint[], ?::text[],
                                 ?::text[]::smallint[], ?::text[], ?::text[]::timestamptz[], ?::text[], ?::text[],
                                 ?::text[])
            ON CONFLICT (answer_key) DO NOTHING
            RETURNING answer_key""";

    private final DSLContext dsl;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    /** Told the number of answers of every statement that wrote some (tests). */
    private volatile IntConsumer statements = n -> { };

    InboxCommits(DSLContext dsl) {
        this.dsl = dsl;
    }

    void observeStatements(IntConsumer observer) {
        this.statements = observer;
    }

    /** The lock a caller takes to write (a test holds it to make callers queue). */
    ReentrantLock lock() {
        return writing;
    }

    /** Answers queued and not yet taken into a statement (a test waits for its callers to queue). */
    int queued() {
        return queue.size();
    }

    /**
     * Keeps the answer; returns whether it was written now (false: an answer under the same key was kept before).
     *
     * @throws RuntimeException the failure of the statement that carried it: the answer is not kept
     */
    boolean keep(Answer a) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return writeOne(a);
        }
        Pending mine = new Pending(a);
        queue.add(mine);
        // Waiting is not interruptible, as the lock's was: an interrupt is kept for after, not spun on.
        boolean interrupted = false;
        while (!mine.done) {
            if (writing.tryLock()) {
                try {
                    while (!mine.done) {
                        List<Pending> batch = drain();
                        if (batch.isEmpty()) {
                            throw new IllegalStateException("An answer neither written nor waiting: "
                                    + a.answerKey());
                        }
                        write(batch);
                    }
                } finally {
                    writing.unlock();
                }
                // A caller who queued after the last drain found the lock held and waits: the first one writes next.
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                // Woken when whoever holds the lock has written this answer, or when the lock is free and this
                // answer is first in the queue; the bound only covers a holder that is not a caller (a test).
                LockSupport.parkNanos(this, WAIT_NANOS);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.kept;
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < MOST && (p = queue.poll()) != null) {
            batch.add(p);
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        try {
            writeOrFail(batch);
        } finally {
            // Whatever went wrong beyond a database failure (an Error), no caller waits for an answer nobody will
            // write: it is told it was not kept, and keeps it in the journal (whose replay stores a key once).
            for (Pending p : batch) {
                if (!p.done) {
                    p.failure = new IllegalStateException("The statement carrying answer " + p.answer.answerKey()
                            + " did not finish");
                    p.done = true;
                }
                LockSupport.unpark(p.caller);
            }
        }
    }

    private void writeOrFail(List<Pending> batch) {
        try {
            if (batch.size() == 1) {
                Pending only = batch.getFirst();
                only.kept = writeOne(only.answer);
            } else {
                writeMany(batch);
            }
            statements.accept(batch.size());
            batch.forEach(p -> p.done = true);
        } catch (RuntimeException e) {
            if (DatabaseFailures.isTransient(e) || batch.size() == 1) {
                fail(batch, e);
                if (DatabaseFailures.isTransient(e)) {
                    // The callers queued behind this attempt have waited for it: they fail with it, not after a
                    // second attempt of their own.
                    fail(drainAll(), e);
                }
                return;
            }
            for (Pending p : batch) {
                try {
                    p.kept = writeOne(p.answer);
                    statements.accept(1);
                } catch (RuntimeException one) {
                    p.failure = one;
                }
                p.done = true;
            }
        }
    }

    private List<Pending> drainAll() {
        List<Pending> all = new ArrayList<>();
        Pending p;
        while ((p = queue.poll()) != null) {
            all.add(p);
        }
        return all;
    }

    private static void fail(List<Pending> batch, RuntimeException e) {
        for (Pending p : batch) {
            p.failure = e;
            p.done = true;
            LockSupport.unpark(p.caller);
        }
    }

    private boolean writeOne(Answer a) {
        return HotSql.update(dsl, ONE, a.callId(), a.dossierId(), a.officeId(), a.questionCode(), a.value(),
                a.callerNumber(), a.givenAt(), a.channel(), a.answerKey(), a.knownDigits()) == 1;
    }

    private void writeMany(List<Pending> batch) {
        // Two answers under one key in one statement: the first is written (or found kept), the other is not new.
        Set<String> keys = new HashSet<>();
        List<Pending> sent = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            p.sent = p.answer.answerKey() == null || keys.add(p.answer.answerKey());
            if (p.sent) {
                sent.add(p);
            }
        }
        int n = sent.size();
        String[][] columns = new String[10][n];
        for (int i = 0; i < n; i++) {
            Answer a = sent.get(i).answer;
            columns[0][i] = text(a.callId());
            columns[1][i] = text(a.dossierId());
            columns[2][i] = text(a.officeId());
            columns[3][i] = a.questionCode();
            columns[4][i] = Short.toString(a.value());
            columns[5][i] = a.callerNumber();
            columns[6][i] = a.givenAt().toString();
            columns[7][i] = a.channel();
            columns[8][i] = a.answerKey();
            columns[9][i] = a.knownDigits();
        }
        Object[] binds = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            binds[c] = HotSql.textArray(columns[c]);
        }
        Set<String> written = HotSql.query(dsl, MANY, rs -> {
            Set<String> k = new HashSet<>();
            while (rs.next()) {
                k.add(rs.getString(1));
            }
            return k;
        }, binds);
        for (Pending p : batch) {
            String k = p.answer.answerKey();
            p.kept = p.sent && (k == null || written.contains(k));
        }
    }

    private static String text(Long id) {
        return id == null ? null : id.toString();
    }

    /**
     * An answer queued by its caller; written (or failed) by whoever held the lock, who sets {@link #kept} or
     * {@link #failure} before {@link #done} and then wakes the caller.
     */
    private static final class Pending {
        final Answer answer;
        final Thread caller = Thread.currentThread();
        boolean sent;
        volatile boolean done;
        boolean kept;
        RuntimeException failure;

        Pending(Answer answer) {
            this.answer = answer;
        }
    }
}
