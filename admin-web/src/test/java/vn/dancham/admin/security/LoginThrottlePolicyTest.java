package vn.dancham.admin.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait before the next login try, worked by hand, and what it leaves a guessing program in a day. */
class LoginThrottlePolicyTest {

    static final LoginThrottlePolicy DEFAULTS = new LoginThrottlePolicy(5, Duration.ofSeconds(1),
            Duration.ofMinutes(15), Duration.ofHours(1));
    static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");

    @Test
    void fourMistakesCostNothingThenTheWaitDoublesUpToFifteenMinutes() {
        assertThat(DEFAULTS.delayAfter(1)).isZero();
        assertThat(DEFAULTS.delayAfter(4)).isZero();
        assertThat(DEFAULTS.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULTS.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DEFAULTS.delayAfter(14)).isEqualTo(Duration.ofSeconds(512));
        assertThat(DEFAULTS.delayAfter(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(DEFAULTS.delayAfter(1_000_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aTryBeforeTheWaitIsOverIsTurnedAwayAndOneAfterItIsNot() {
        LoginThrottlePolicy.Strikes strikes = null;
        for (int i = 0; i < 5; i++) {
            assertThat(DEFAULTS.mustWait(strikes, T0)).isFalse();
            strikes = DEFAULTS.afterFailure(strikes, T0);
        }
        assertThat(strikes.failures()).isEqualTo(5);
        assertThat(DEFAULTS.mustWait(strikes, T0.plusMillis(999))).isTrue();
        assertThat(DEFAULTS.mustWait(strikes, T0.plusSeconds(1))).isFalse();
    }

    @Test
    void aQuietHourForgetsTheCountSoNothingEverStaysLocked() {
        LoginThrottlePolicy.Strikes strikes = null;
        for (int i = 0; i < 30; i++) {
            strikes = DEFAULTS.afterFailure(strikes, T0);
        }
        assertThat(strikes.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(DEFAULTS.mustWait(strikes, T0.plus(Duration.ofMinutes(15)))).isFalse();
        var again = DEFAULTS.afterFailure(strikes, T0.plus(Duration.ofHours(1)));
        assertThat(again.failures()).isEqualTo(1);
        assertThat(again.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    /** The figures docs/web.md quotes: a program that tries every second, all day, against one name or from one address. */
    @Test
    void aProgramTryingEverySecondGets15TriesInTheFirst17MinutesThen4AnHour() {
        LoginThrottlePolicy.Strikes strikes = null;
        int checked = 0;
        int checkedFirst1030s = 0;
        int checkedFirstHour = 0;
        for (int second = 0; second < 24 * 3600; second++) {
            Instant now = T0.plusSeconds(second);
            if (!DEFAULTS.mustWait(strikes, now)) {
                strikes = DEFAULTS.afterFailure(strikes, now);
                checked++;
                if (second < 1030) {
                    checkedFirst1030s++;
                }
                if (second < 3600) {
                    checkedFirstHour++;
                }
            }
        }
        assertThat(checkedFirst1030s).isEqualTo(15);
        assertThat(checkedFirstHour).isEqualTo(17);
        assertThat(checked).isEqualTo(109);
    }

    @Test
    void settingsThatWouldNeverForgetOrNeverWaitAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoginThrottlePolicy(5, Duration.ofSeconds(1),
                Duration.ofHours(2), Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoginThrottlePolicy(0, Duration.ofSeconds(1),
                Duration.ofMinutes(15), Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
