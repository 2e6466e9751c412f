package vn.dancham.escalation.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The per-phone rate limit as a pure function: at most one SMS per {@code minInterval} and {@code maxPerHour} in
 * any hour. Alerts that must wait are bundled into the SMS that goes when the phone may be texted again.
 */
record RecipientThrottle(Duration minInterval, int maxPerHour) {

    /**
     * When the phone may get its next SMS: {@code now} or later.
     *
     * @param recentSends when earlier SMS went to this phone (any order; older than an hour is ignored)
     */
    Instant nextAllowed(List<Instant> recentSends, Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<Instant> lastHour = recentSends.stream().filter(t -> t.isAfter(hourAgo)).sorted().toList();
        Instant allowed = now;
        if (!lastHour.isEmpty()) {
            Instant byInterval = lastHour.getLast().plus(minInterval);
            if (byInterval.isAfter(allowed)) {
                allowed = byInterval;
            }
        }
        if (lastHour.size() >= maxPerHour) {
            Instant byHour = lastHour.get(lastHour.size() - maxPerHour).plus(Duration.ofHours(1));
            if (byHour.isAfter(allowed)) {
                allowed = byHour;
            }
        }
        return allowed;
    }
}
