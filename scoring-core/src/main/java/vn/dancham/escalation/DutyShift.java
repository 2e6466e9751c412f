package vn.dancham.escalation;

import java.time.Instant;

/**
 * One shift on the duty roster: a person at an escalation level for an office or an administrative unit
 * (exactly one of {@code officeId} and {@code adminUnitId} is set) from {@code startsAt} (inclusive) to
 * {@code endsAt} (exclusive).
 *
 * @param unitName the office's or unit's name, for display
 * @param phone    E.164
 */
public record DutyShift(long id, Long officeId, Long adminUnitId, String unitName, int level, String personName,
                        String phone, Long userId, Instant startsAt, Instant endsAt, String note) {
}
