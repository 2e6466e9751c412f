package vn.dancham.ivr.hotline;

import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.CallEnd;
import vn.dancham.calls.CallLog.WholeCall;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes the ends of a node's calls after the calls: a call hands its end over and goes, and the node's timer writes
 * every end waiting, a few times a second, in one statement (two when some are whole calls, see {@link CallOpens}).
 * <p>
 * Why: nobody waits for an end. The caller has hung up or been put through; the dashboards can see a call close a
 * quarter of a second later. Written on the call's own thread, as it was, an end was a statement of its own for most
 * calls (0.79 of the 2.8 statements a call made, bench/results/2026-12-04-call-rows-when-needed.md), a statement costs
 * the database about a quarter of a millisecond however little it does, and the line waited for it before Asterisk
 * got its hang-up. Written by the timer, the ends of a quarter of a second share one statement: at 400 calls a second,
 * a hundred ends. When a trunk drops every call at once (3,000 callers hanging up together) they still need one
 * connection and a few statements, not one each (bench/results/2026-12-03-call-threads.md).
 * <p>
 * What it costs: an end handed over and not yet written when the node dies is lost with it; the row then stays in
 * progress until the node's next start closes it as INTERRUPTED, as for a call that was in progress. A whole call (its
 * row never written) is lost with it, as its row already was. An end the database refuses, or cannot take because it
 * is down, goes to the journal as before: by the timer, through what the call left for that.
 */
final class CallEnds {

    /** At most this many ends in one statement (its arrays), so that one write stays short. */
    static final int MAX_BATCH = 256;

    private final CallLog callLog;
    private final DatabaseGuard guard;
    /** Held by whoever writes the waiting ends (the timer, or a test, or the last run at stop). */
    private final ReentrantLock writing = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();

    CallEnds(CallLog callLog, DatabaseGuard guard) {
        this.callLog = callLog;
        this.guard = guard;
    }

    /**
     * One end handed over: of a call whose row is written (with what to do if it cannot be written: keep it in the
     * journal), or of a whole call whose row is not.
     */
    private record Pending(CallEnd end, Runnable ifNotWritten, WholeCall whole) {

        String name() {
            return end != null ? "closing call " + end.callId() : "writing call " + whole.call().asteriskUniqueId();
        }
    }

    /** Ends handed over and not written yet. */
    int waiting() {
        return waiting.size();
    }

    /**
     * Hands this call's end over, to be written with the others waiting. While the database is taken to be down it
     * is not kept waiting: {@code ifNotWritten} runs at once, on the caller's thread. Otherwise it runs, on the
     * writer's thread, if the database refuses the end or goes down before it is written.
     */
    void end(CallEnd end, Runnable ifNotWritten) {
        if (guard.down()) {
            ifNotWritten.run();
            return;
        }
        waiting.add(new Pending(end, ifNotWritten, null));
    }

    /**
     * Hands over a call whose row was never written: the row, its events and its end at once. While the database is
     * down it is dropped: the call goes without a log, as one that started while the database was down (nobody was
     * promised anything).
     */
    void end(WholeCall whole) {
        if (!guard.down()) {
            waiting.add(new Pending(null, null, whole));
        }
    }

    /** Writes every end waiting, {@link #MAX_BATCH} to a statement; returns how many were handed over. */
    int writeWaiting() {
        int taken = 0;
        writing.lock();
        try {
            List<Pending> batch;
            do {
                batch = new ArrayList<>();
                Pending next;
                while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
                    batch.add(next);
                }
                taken += batch.size();
                write(batch);
            } while (batch.size() == MAX_BATCH);
        } finally {
            writing.unlock();
        }
        return taken;
    }

    /** Ends of calls with rows in one statement, whole calls in another. */
    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Pending> ends = batch.stream().filter(p -> p.end != null).toList();
        List<Pending> wholes = batch.stream().filter(p -> p.whole != null).toList();
        write(ends, "closing " + ends.size() + " calls", () -> callLog.ended(ends.stream().map(Pending::end)
                .toList()));
        write(wholes, "writing " + wholes.size() + " calls", () -> callLog.endedUnopened(wholes.stream()
                .map(Pending::whole).toList()));
    }

    private void write(List<Pending> batch, String what, Runnable statement) {
        if (batch.isEmpty()) {
            return;
        }
        DatabaseGuard.Reply<Boolean> reply = guard.run(batch.size() == 1 ? batch.getFirst().name() : what,
                statement);
        if (reply.ok()) {
            return;
        }
        if (batch.size() > 1 && !guard.down()) {
            // Refused, not an outage (one call's end the database will not take): the others must not share its
            // fate; each is written alone, and only the refused one goes to the journal.
            for (Pending p : batch) {
                DatabaseGuard.Reply<Boolean> alone = guard.run(p.name(), () -> {
                    if (p.end != null) {
                        callLog.ended(List.of(p.end));
                    } else {
                        callLog.endedUnopened(List.of(p.whole));
                    }
                });
                if (!alone.ok()) {
                    notWritten(p, alone);
                }
            }
            return;
        }
        batch.forEach(p -> notWritten(p, reply));
    }

    private static void notWritten(Pending p, DatabaseGuard.Reply<Boolean> reply) {
        if (p.end != null) {
            CallRecorder.log.warn("Could not close call {} as {} at {}: {}", p.end.callId(), p.end.outcome(),
                    p.end.lastStep(), reply.problem());
            try {
                p.ifNotWritten.run();
            } catch (RuntimeException e) {
                // A bug in one call's keeping must not keep the other calls' ends from theirs.
                CallRecorder.log.error("Could not keep the end of call {}", p.end.callId(), e);
            }
        } else {
            CallRecorder.log.warn("Could not log call {} as {} at {}: {}", p.whole.call().asteriskUniqueId(),
                    p.whole.outcome(), p.whole.lastStep(), reply.problem());
        }
    }
}
