package vn.dancham.escalation;

import java.time.Instant;
import java.util.List;

/** Who is on duty. Implemented over the duty_shift table. */
public interface DutyRoster {

    /**
     * The people on duty at {@code at} for an office, lowest level first; an empty slot at the office falls back
     * to its district, then to the province. Empty when nobody at all is on duty.
     * <p>
     * Per level, the nearest unit that has someone on duty at that level wins (office, then the office's commune
     * or district, then the province); several people on duty at the same level and unit are all returned, earliest
     * shift first. Levels nobody holds anywhere are simply absent. An unknown office gives an empty list.
     */
    List<DutyContact> onDuty(long officeId, Instant at);

    /**
     * Like {@link #onDuty(long, Instant)} for an administrative unit (district or province) when no office is known,
     * e.g. a caller who asked for the leader on duty without naming an office.
     */
    List<DutyContact> onDutyForUnit(long adminUnitId, Instant at);
}
