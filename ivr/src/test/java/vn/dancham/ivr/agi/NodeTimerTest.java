package vn.dancham.ivr.agi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's timers: plain Java, a real thread. */
class NodeTimerTest {

    @Test
    void theCallLogIsWrittenOnceMoreAtStopAfterTheFastAgiServerStopped() {
        AtomicInteger runs = new AtomicInteger();
        NodeTimer callLog = NodeTimer.callLog(runs::incrementAndGet, Duration.ofHours(1));
        callLog.start();
        assertThat(runs).as("the first run comes after the interval").hasValue(0);

        callLog.stop();

        assertThat(runs).as("the ends the server's stop let finish are written").hasValue(1);
        assertThat(callLog.isRunning()).isFalse();
        // Lower phases start first and stop last: the call log's timer outlives the FastAGI server.
        assertThat(callLog.getPhase()).isLessThan(new FastAgiLifecycle(null, null, null, "n", null).getPhase());
    }

    @Test
    void theCallLogRunsEveryIntervalAndARunThatFailsDoesNotStopTheNext() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        NodeTimer callLog = NodeTimer.callLog(() -> {
            three.countDown();
            throw new IllegalStateException("one run failed");
        }, Duration.ofMillis(10));
        callLog.start();
        try {
            assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            callLog.stop();
        }
    }

    @Test
    void theJournalReplayIsNotRunAgainAtStop() {
        AtomicInteger runs = new AtomicInteger();
        NodeTimer replay = NodeTimer.journalReplay(runs::incrementAndGet, Duration.ofHours(1));
        replay.start();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.get() == 0 && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        replay.stop();
        assertThat(runs).as("once at start-up, not again at stop").hasValue(1);
    }
}
