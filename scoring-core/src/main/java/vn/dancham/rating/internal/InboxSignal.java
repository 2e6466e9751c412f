package vn.dancham.rating.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this node's {@link InboxWriter} when an answer was kept here, so that it is applied within a batch's time
 * rather than at the next poll. Answers kept on other nodes are found by their writers or by this one's poll.
 */
public final class InboxSignal {

    private final Semaphore wake = new Semaphore(0);

    void nudge() {
        // At most one permit: a thousand answers kept during a batch wake the writer once, for one more pass.
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Waits for a nudge or {@code poll}, whichever comes first; true when nudged. */
    boolean await(Duration poll) throws InterruptedException {
        boolean nudged = wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
        return nudged;
    }
}
