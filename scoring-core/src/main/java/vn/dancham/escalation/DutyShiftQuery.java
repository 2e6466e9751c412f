package vn.dancham.escalation;

import java.time.Instant;

/**
 * Which shifts to list: those overlapping {@code [from, to)} (either bound may be null = open), for one office or
 * unit when given (null = all), at most {@code limit} (1–1000), earliest first.
 */
public record DutyShiftQuery(Long officeId, Long adminUnitId, Instant from, Instant to, int limit) {

    public DutyShiftQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
    }

    public static DutyShiftQuery all() {
        return new DutyShiftQuery(null, null, null, null, 1000);
    }
}
