package vn.dancham.escalation;

import java.time.Instant;
import java.util.Set;

/**
 * Which incidents to list, newest first. Null or empty fields do not filter.
 *
 * @param from opened at or after
 * @param to   opened before
 */
public record IncidentFilter(Set<IncidentState> states, Set<Severity> severities, Long adminUnitId, Long officeId,
                             Instant from, Instant to, int limit, int offset) {

    public IncidentFilter {
        states = states == null ? Set.of() : Set.copyOf(states);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1..500, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    public static IncidentFilter open() {
        return new IncidentFilter(Set.of(IncidentState.OPEN, IncidentState.NOTIFIED, IncidentState.UNACKNOWLEDGED,
                IncidentState.ACKNOWLEDGED), Set.of(), null, null, null, null, 100, 0);
    }

    public static IncidentFilter all() {
        return new IncidentFilter(Set.of(), Set.of(), null, null, null, null, 100, 0);
    }
}
