package vn.dancham.citizen;

import org.junit.jupiter.api.Test;
import vn.dancham.escalation.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));

    @Test
    void allowsTheLimitPerKeyAndAgainOnceTheWindowHasPassed() {
        Throttle throttle = new Throttle(3, Duration.ofMinutes(10), clock);
        assertThat(throttle.tryAcquire("a")).isTrue();
        assertThat(throttle.tryAcquire("a")).isTrue();
        assertThat(throttle.tryAcquire("a")).isTrue();
        assertThat(throttle.tryAcquire("a")).isFalse();
        assertThat(throttle.tryAcquire("b")).as("another client has its own count").isTrue();

        clock.advance(Duration.ofMinutes(9));
        assertThat(throttle.tryAcquire("a")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.tryAcquire("a")).as("the first three left the window").isTrue();
    }

    @Test
    void refusedAttemptsDoNotExtendTheWait() {
        Throttle throttle = new Throttle(1, Duration.ofMinutes(10), clock);
        assertThat(throttle.tryAcquire("a")).isTrue();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(throttle.tryAcquire("a")).isFalse();
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.tryAcquire("a")).isTrue();
    }

    @Test
    void recordedFailuresExhaustAKey() {
        Throttle throttle = new Throttle(2, Duration.ofMinutes(10), clock);
        assertThat(throttle.exhausted("r")).isFalse();
        throttle.record("r");
        throttle.record("r");
        assertThat(throttle.exhausted("r")).isTrue();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.exhausted("r")).isFalse();
    }
}
