package vn.dancham.escalation.sms;

import java.time.Duration;

/** Exponential backoff for transient SMS failures, honouring the provider's Retry-After when it asks for longer. */
record Backoff(Duration base, Duration max) {

    /** The delay before attempt {@code attemptsSoFar + 1}; {@code retryAfter} may be null. */
    Duration delay(int attemptsSoFar, Duration retryAfter) {
        int exponent = Math.max(0, Math.min(attemptsSoFar - 1, 20));
        Duration exp = base.multipliedBy(1L << exponent);
        if (exp.compareTo(max) > 0) {
            exp = max;
        }
        if (retryAfter != null && retryAfter.compareTo(exp) > 0) {
            // The provider knows best when it will take traffic again, even beyond our own cap.
            return retryAfter;
        }
        return exp;
    }
}
