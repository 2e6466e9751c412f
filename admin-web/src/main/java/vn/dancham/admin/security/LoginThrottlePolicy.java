package vn.dancham.admin.security;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a client or an account waits before its next login try, from its wrong passwords so far. Plain Java:
 * the same rule for a client address and for a typed username (existing or not, so the answer never tells which
 * names exist), and no lock: a wait only ever grows up to {@code maxDelay}, and old failures are forgotten.
 *
 * <p>Up to {@code freeFailures} wrong passwords in a row cost nothing (people mistype); after the
 * {@code freeFailures}-th the next try waits {@code firstDelay}, and each further one doubles the wait up to
 * {@code maxDelay}. A count quiet for {@code forgetAfter} starts again from nothing. With the defaults (5, 1 s, 15 min) a program guessing as fast
 * as it is let through gets 5 tries at once, 10 more in the next 17 minutes, then 4 an hour.
 */
public record LoginThrottlePolicy(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {

    /** The wrong passwords counted for one client or account: how many, the last one, and when a try is let in. */
    public record Strikes(int failures, Instant lastFailureAt, Instant nextAttemptAt) {
    }

    public LoginThrottlePolicy {
        if (freeFailures < 1 || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0
                || forgetAfter.compareTo(maxDelay) <= 0) {
            throw new IllegalArgumentException("dancham.web.login: free-failures >= 1, 0 < first-delay <= max-delay"
                    + " < forget-after; was " + freeFailures + ", " + firstDelay + ", " + maxDelay + ", " + forgetAfter);
        }
    }

    /** The count after one more wrong password at {@code now}; {@code before} may be null (none counted). */
    public Strikes afterFailure(Strikes before, Instant now) {
        int failures = before == null || forgotten(before, now) ? 1 : before.failures() + 1;
        return new Strikes(failures, now, now.plus(delayAfter(failures)));
    }

    /** Whether a try at {@code now} must be turned away without looking at the password. */
    public boolean mustWait(Strikes strikes, Instant now) {
        return strikes != null && !forgotten(strikes, now) && strikes.nextAttemptAt().isAfter(now);
    }

    /** Whether a count has been quiet long enough to start again from nothing. */
    public boolean forgotten(Strikes strikes, Instant now) {
        return !strikes.lastFailureAt().plus(forgetAfter).isAfter(now);
    }

    /** The wait after the {@code failures}-th wrong password in a row. */
    public Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = failures - freeFailures;
        // Beyond 2^40 seconds any sane maximum is reached; stop before the shift overflows.
        if (doublings >= 40) {
            return maxDelay;
        }
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
