package vn.dancham.escalation;

import java.time.Instant;
import java.util.List;

/** Who is on duty. Implemented over the duty_shift table. */
public interface DutyRoster {

    /**
     * The people on duty at {@code at} for an office, lowest level first; an empty slot at the office falls back
     * to its district, then to the province. Empty when nobody at all is on duty.
     */
    List<DutyContact> onDuty(long officeId, Instant at);
}
