package vn.dancham.rating.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the writer gathers the answers kept on its node (issue 16). Nothing here waits for a linger or a poll: both
 * are an hour wherever they must not end the wait, so a wrong wake-up shows as the test's timeout, not as a slow
 * test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InboxSignalTest {

    static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aFullBatchKeptWakesTheWriterWithoutWaitingForTheLinger() throws Exception {
        InboxSignal signal = new InboxSignal();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> await(signal, HOUR, HOUR, 50));
        for (int i = 0; i < 50; i++) {
            signal.nudge();
        }
        assertThat(writer.get()).isEqualTo(50);
        assertThat(signal.pending()).as("taken by the writer").isZero();
    }

    @Test
    void answersKeptWhileTheWriterWasBusyAreTakenAtOnceWhenTheyMakeABatch() throws Exception {
        InboxSignal signal = new InboxSignal();
        for (int i = 0; i < 7; i++) {
            signal.nudge();
        }
        assertThat(signal.pending()).isEqualTo(7);
        assertThat(await(signal, HOUR, HOUR, 5)).isEqualTo(7);
    }

    @Test
    void withoutAnswersTheWriterWakesAtThePoll() throws Exception {
        InboxSignal signal = new InboxSignal();
        assertThat(await(signal, Duration.ofMillis(10), HOUR, 500)).isZero();
    }

    @Test
    void aLingerOfZeroClaimsTheFirstAnswerAtOnce() throws Exception {
        InboxSignal signal = new InboxSignal();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> await(signal, HOUR, Duration.ZERO, 500));
        signal.nudge();
        assertThat(writer.get()).isEqualTo(1);
    }

    private static int await(InboxSignal signal, Duration poll, Duration linger, int full) {
        try {
            return signal.await(poll, linger, full);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
