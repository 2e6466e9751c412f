package vn.dancham.escalation;

import java.time.Instant;

/**
 * A shift as a user typed it, before validation: any field may be missing or wrong. {@link DutyShifts} checks
 * it and answers with every problem at once.
 *
 * @param phone as typed: spaces, dots and dashes are ignored; {@code 0912 345 678}, {@code 84912345678} and
 *              {@code +84912345678} are the same number
 */
public record DutyShiftDraft(Long officeId, Long adminUnitId, Integer level, String personName, String phone,
                             Long userId, Instant startsAt, Instant endsAt, String note) {
}
