package vn.dancham.ivr.hotline;

import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.CallStarted;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes the rows of a node's calls when they are first needed, not when the calls start. A call's row waits here
 * until the call writes something that refers to it (an answer, a complaint, a ring, events mid-call), or until it
 * has lasted {@link #ROW_WITHIN} (the node's timer, so that the dashboards see a call in progress a second after it
 * started); whoever writes it writes the rows of every call waiting then, in one statement (group commit, as
 * {@link CallEnds} does for ends). A call that ends before its row was written, a caller who only asked where
 * their dossier is, takes its row back and writes it whole with its end: one statement for the whole call.
 * <p>
 * Why: opening a row at every call's start was one statement of about four on a call's time, and a statement costs
 * the database about a quarter of a millisecond however little it does (issue 16,
 * bench/results/2026-12-03-statement-costs-and-a-socket.md). What it costs: a node that dies loses the rows of its
 * calls that had not written anything yet (their events were lost with it already); a call shorter than a second is
 * seen by the dashboards only once it ended.
 */
final class CallOpens {

    /** At most this many rows in one statement (its arrays), so that one write stays short. */
    static final int MAX_BATCH = 256;
    /** A call's row is written at the latest this long after it started (by the node's timer). */
    static final Duration ROW_WITHIN = Duration.ofSeconds(1);

    private final CallLog callLog;
    private final DatabaseGuard guard;
    /** Fair, for the reason {@link CallEnds} gives. */
    private final ReentrantLock writing = new ReentrantLock(true);
    /** In the order the calls started; taken from the head only while {@link #writing} is held. */
    private final ConcurrentLinkedQueue<Opening> waiting = new ConcurrentLinkedQueue<>();

    CallOpens(CallLog callLog, DatabaseGuard guard) {
        this.callLog = callLog;
        this.guard = guard;
    }

    /** One call's row, waiting to be written, being written, written (with its id), or taken back. */
    static final class Opening {

        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;

        final CallStarted call;
        private final long since = System.nanoTime();
        private final AtomicInteger state = new AtomicInteger(WAITING);
        /** Set by the writer before {@link #done}; read after it. Null when the row could not be written. */
        private Long id;
        private volatile boolean done;

        private Opening(CallStarted call) {
            this.call = call;
        }

        /** The row's id when it is written already (without writing it); null otherwise. */
        Long writtenId() {
            return done ? id : null;
        }
    }

    /** A call started: its row waits until it is needed. */
    Opening open(CallStarted call) {
        Opening o = new Opening(call);
        waiting.add(o);
        // Rows taken back by calls that ended are left in the queue; the head is cleared here when nobody is writing,
        // so that a node without the timer (a test) does not keep every short call it served.
        if (writing.tryLock()) {
            try {
                Opening head;
                while ((head = waiting.peek()) != null && head.state.get() != Opening.WAITING) {
                    waiting.poll();
                }
            } finally {
                writing.unlock();
            }
        }
        return o;
    }

    /**
     * The row's id, writing it now with every other row waiting if it is not written yet; null when the database
     * could not take it (the call then goes without a log, as one that started while the database was down).
     */
    Long id(Opening o) {
        if (o.done) {
            return o.id;
        }
        if (o.state.get() == Opening.WITHDRAWN) {
            throw new IllegalStateException("The row of " + o.call.asteriskUniqueId() + " was taken back");
        }
        writing.lock();
        try {
            while (!o.done) {
                List<Opening> batch = take(Duration.ZERO);
                if (batch.isEmpty() && !o.done) {
                    throw new IllegalStateException("The row of " + o.call.asteriskUniqueId() + " is nowhere");
                }
                write(batch);
            }
        } finally {
            writing.unlock();
        }
        return o.id;
    }

    /**
     * Takes the row back if nobody has started to write it: the call is over and writes it whole with its end. False
     * when it is written or being written ({@link #id} then gives its id once it is).
     */
    boolean withdraw(Opening o) {
        return o.state.compareAndSet(Opening.WAITING, Opening.WITHDRAWN);
    }

    /** The node's timer: writes the rows of calls that have lasted {@link #ROW_WITHIN} and are still waiting. */
    void writeLongerThan(Duration age) {
        writing.lock();
        try {
            List<Opening> batch;
            while (!(batch = take(age)).isEmpty()) {
                write(batch);
            }
        } finally {
            writing.unlock();
        }
    }

    /** Rows waiting to be written (for tests). */
    int waiting() {
        return (int) waiting.stream().filter(o -> o.state.get() == Opening.WAITING).count();
    }

    /**
     * Takes the waiting rows of calls at least {@code age} old (every one with zero), from the head: the queue is in
     * the order the calls started. Rows taken back on the way are dropped from the queue.
     */
    private List<Opening> take(Duration age) {
        List<Opening> batch = new ArrayList<>();
        long now = System.nanoTime();
        long olderThan = age.toNanos();
        Opening head;
        while (batch.size() < MAX_BATCH && (head = waiting.peek()) != null) {
            if (head.state.get() == Opening.WAITING && now - head.since < olderThan) {
                break;
            }
            waiting.poll();
            if (head.state.compareAndSet(Opening.WAITING, Opening.TAKEN)) {
                batch.add(head);
            }
        }
        return batch;
    }

    private void write(List<Opening> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            writeAll(batch);
        } finally {
            // Whatever went wrong, no call waits for a row nobody will write.
            batch.stream().filter(o -> !o.done).forEach(o -> settle(o, null));
        }
    }

    private void writeAll(List<Opening> batch) {
        List<CallStarted> calls = batch.stream().map(o -> o.call).toList();
        DatabaseGuard.Reply<List<Long>> reply = guard.call(batch.size() == 1 ? "opening call "
                + calls.getFirst().asteriskUniqueId() : "opening " + batch.size() + " calls",
                () -> callLog.started(calls));
        if (!reply.ok() && batch.size() > 1 && !guard.down()) {
            // Refused, not an outage (one row the database will not take): the others must not share its fate.
            for (Opening o : batch) {
                DatabaseGuard.Reply<List<Long>> alone = guard.call("opening call " + o.call.asteriskUniqueId(),
                        () -> callLog.started(List.of(o.call)));
                settle(o, alone.ok() ? alone.value().getFirst() : null);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            settle(batch.get(i), reply.ok() ? reply.value().get(i) : null);
        }
    }

    private static void settle(Opening o, Long id) {
        o.id = id;
        o.done = true;
    }
}
