package vn.dancham.ivr.hotline;

import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.CallEnd;
import vn.dancham.calls.CallLog.WholeCall;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes the ends of a node's calls, gathering those that arrive while another is being written into one statement
 * (group commit), on the calls' own threads. A call hands its end over and takes the writing lock; whoever holds it
 * writes every end waiting, its own and others', so a call that gets the lock after that finds its end written and
 * goes. A call that ends alone is written alone, at once, as before.
 * <p>
 * Why: when a trunk drops every call at once (the bench's 3,000 callers hanging up together), each end asked the
 * hotline's pool for a connection of its own, the pool's wait (3 s) ran out for hundreds of them, their ends went to
 * the journal and the breaker opened for every caller for a moment (bench/results/2026-12-03-call-threads.md). Ends
 * written a few hundred per statement need one connection and a few commits. A call still returns only once its
 * end is written (or known not to be), so what the caller's thread did before is unchanged: its row is closed
 * before the channel is let go, and an end the database could not take is kept in the journal by its own call.
 */
final class CallEnds {

    /** At most this many ends in one statement (its arrays), so that one write stays short. */
    static final int MAX_BATCH = 256;

    private final CallLog callLog;
    private final DatabaseGuard guard;
    /**
     * Fair: a call whose end another wrote still takes the lock once to learn it; first come, first served, so new
     * ends arriving all the time cannot keep it waiting.
     */
    private final ReentrantLock writing = new ReentrantLock(true);
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();

    CallEnds(CallLog callLog, DatabaseGuard guard) {
        this.callLog = callLog;
        this.guard = guard;
    }

    /**
     * One end handed over (of a call whose row is written, or a whole call whose row is not, see {@link CallOpens}),
     * and what became of it once it was written or refused.
     */
    private static final class Pending {
        final CallEnd end;
        final WholeCall whole;
        /** Set by the writer before {@link #done}; read after it. */
        DatabaseGuard.Reply<Boolean> reply;
        volatile boolean done;

        Pending(CallEnd end, WholeCall whole) {
            this.end = end;
            this.whole = whole;
        }

        String name() {
            return end != null ? "closing call " + end.callId() : "writing call " + whole.call().asteriskUniqueId();
        }
    }

    /** Ends handed over and not written yet (for tests). */
    int waiting() {
        return waiting.size();
    }

    /**
     * Writes this call's end, with any other waiting; returns when it is written or refused (the reply says which).
     * While the database is taken to be down, returns at once without writing.
     */
    DatabaseGuard.Reply<Boolean> end(CallEnd end) {
        return hand(new Pending(end, null));
    }

    /** As {@link #end(CallEnd)}, for a call whose row was never written: the row, its events and its end at once. */
    DatabaseGuard.Reply<Boolean> end(WholeCall whole) {
        return hand(new Pending(null, whole));
    }

    private DatabaseGuard.Reply<Boolean> hand(Pending mine) {
        waiting.add(mine);
        writing.lock();
        try {
            while (!mine.done) {
                List<Pending> batch = new ArrayList<>();
                Pending next;
                while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
                    batch.add(next);
                }
                write(batch);
            }
        } finally {
            writing.unlock();
        }
        return mine.reply;
    }

    /** Ends of calls with rows in one statement, whole calls in another (two when a batch has both). */
    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<Pending> ends = batch.stream().filter(p -> p.end != null).toList();
            List<Pending> wholes = batch.stream().filter(p -> p.whole != null).toList();
            write(ends, "closing " + ends.size() + " calls", () -> callLog.ended(ends.stream().map(p -> p.end)
                    .toList()));
            write(wholes, "writing " + wholes.size() + " calls", () -> callLog.endedUnopened(wholes.stream()
                    .map(p -> p.whole).toList()));
        } finally {
            // Whatever went wrong, no call waits for an end nobody will write.
            batch.stream().filter(p -> !p.done).forEach(p -> settle(p, DatabaseGuard.Reply.none("not written")));
        }
    }

    private void write(List<Pending> batch, String what, Runnable statement) {
        if (batch.isEmpty()) {
            return;
        }
        DatabaseGuard.Reply<Boolean> reply = guard.run(batch.size() == 1 ? batch.getFirst().name() : what,
                statement);
        if (!reply.ok() && batch.size() > 1 && !guard.down()) {
            // Refused, not an outage (one call's end the database will not take): the others must not share its
            // fate; each is written alone, and only the refused one goes to the journal.
            for (Pending p : batch) {
                settle(p, guard.run(p.name(), () -> {
                    if (p.end != null) {
                        callLog.ended(List.of(p.end));
                    } else {
                        callLog.endedUnopened(List.of(p.whole));
                    }
                }));
            }
            return;
        }
        batch.forEach(p -> settle(p, reply));
    }

    private static void settle(Pending p, DatabaseGuard.Reply<Boolean> reply) {
        p.reply = reply;
        p.done = true;
    }
}
