package vn.dancham.rating.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes this node's {@link InboxWriter} when answers were kept here, so that they are applied within the writer's
 * linger and a batch's time rather than at the next poll; answers kept on other nodes are found by their writers or
 * by this one's poll.
 * <p>
 * It counts the answers kept since the writer last took them, and lets the writer gather them into one batch
 * (issue 16): the writer wakes at the first answer, then waits until a full batch was kept or until {@code linger}
 * after that first answer, whichever comes first. Nudging after every answer and claiming at once made batches of
 * one or two answers under a steady trickle, each paying a whole batch's fixed cost (the writer lock, the claim,
 * the batch's lookups and facts, the aggregates, the commit).
 */
public final class InboxSignal {

    // A lock rather than a monitor: the hotline's virtual threads nudge, and must not pin their carriers.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition kept = lock.newCondition();
    /** Answers kept here since the writer last took them. */
    private int count;
    /** When the first of them was kept (System.nanoTime), valid while count > 0. */
    private long firstAt;
    /** The count at which the waiting writer wants to be woken: 1 while idle, a full batch while gathering. */
    private int wakeAt = 1;

    void nudge() {
        lock.lock();
        try {
            if (count == 0) {
                firstAt = System.nanoTime();
            }
            count++;
            if (count == wakeAt) {
                kept.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for answers kept here: returns at once when {@code full} were kept since the last call, otherwise
     * {@code linger} after the first of them was kept, or after {@code poll} when none was. Answers kept while the
     * writer was busy count from when they were kept, so an answer kept here waits at most {@code linger}, or the
     * batch the writer was applying when it was kept, before it is claimed.
     *
     * @return how many answers were kept here since the last call (0: the poll elapsed without any)
     */
    int await(Duration poll, Duration linger, int full) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long pollLeft = poll.toNanos();
            wakeAt = 1;
            while (count == 0 && pollLeft > 0) {
                pollLeft = kept.awaitNanos(pollLeft);
            }
            if (count > 0) {
                long until = firstAt + linger.toNanos();
                wakeAt = full;
                long left;
                while (count < full && (left = until - System.nanoTime()) > 0) {
                    kept.awaitNanos(left);
                }
            }
            int n = count;
            count = 0;
            wakeAt = 1;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer is about to claim: every answer counted so far was committed before, so the claim sees it; only
     * answers kept from now on are counted for the next pass (no empty claim for answers a pass already took).
     */
    void claiming() {
        lock.lock();
        try {
            count = 0;
        } finally {
            lock.unlock();
        }
    }

    /** For tests: whether the writer waits for the first answer of its next pass. */
    boolean writerIdle() {
        lock.lock();
        try {
            return wakeAt == 1 && lock.hasWaiters(kept);
        } finally {
            lock.unlock();
        }
    }

    /** For tests: answers counted since the writer last took them. */
    int pending() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
