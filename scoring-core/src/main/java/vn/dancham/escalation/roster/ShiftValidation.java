package vn.dancham.escalation.roster;

import vn.dancham.escalation.DutyShiftDraft;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.RosterProblem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The checks on a shift that need no database. */
final class ShiftValidation {

    /** Longer shifts are almost always a typo in the year; a real rota is entered week by week or month by month. */
    static final Duration MAX_SHIFT = Duration.ofDays(92);
    static final int MAX_NAME = 120;
    static final int MAX_NOTE = 500;

    private ShiftValidation() {
    }

    static List<RosterProblem> check(DutyShiftDraft d) {
        List<RosterProblem> problems = new ArrayList<>();
        if ((d.officeId() == null) == (d.adminUnitId() == null)) {
            problems.add(new RosterProblem("officeId", "TARGET_REQUIRED",
                    "Chọn đúng một nơi trực: một cơ quan hoặc một đơn vị hành chính.",
                    "Choose exactly one of an office or an administrative unit."));
        }
        if (d.level() == null || d.level() < 1 || d.level() > 9) {
            problems.add(new RosterProblem("level", "INVALID_LEVEL",
                    "Cấp trực phải từ 1 đến 9.", "Level must be between 1 and 9."));
        }
        if (d.personName() == null || d.personName().isBlank()) {
            problems.add(new RosterProblem("personName", "NAME_REQUIRED",
                    "Nhập họ tên người trực.", "Enter the name of the person on duty."));
        } else if (d.personName().strip().length() > MAX_NAME) {
            problems.add(new RosterProblem("personName", "NAME_TOO_LONG",
                    "Họ tên quá dài (tối đa " + MAX_NAME + " ký tự).",
                    "Name is too long (at most " + MAX_NAME + " characters)."));
        }
        if (PhoneNumbers.toE164(d.phone()).isEmpty()) {
            problems.add(new RosterProblem("phone", "INVALID_PHONE",
                    "Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc +84912345678).",
                    "Invalid phone number (e.g. 0912 345 678 or +84912345678)."));
        }
        if (d.startsAt() == null) {
            problems.add(new RosterProblem("startsAt", "START_REQUIRED",
                    "Nhập thời điểm bắt đầu ca trực.", "Enter when the shift starts."));
        }
        if (d.endsAt() == null) {
            problems.add(new RosterProblem("endsAt", "END_REQUIRED",
                    "Nhập thời điểm kết thúc ca trực.", "Enter when the shift ends."));
        }
        if (d.startsAt() != null && d.endsAt() != null) {
            if (!d.endsAt().isAfter(d.startsAt())) {
                problems.add(new RosterProblem("endsAt", "END_NOT_AFTER_START",
                        "Thời điểm kết thúc phải sau thời điểm bắt đầu.", "The end must be after the start."));
            } else if (Duration.between(d.startsAt(), d.endsAt()).compareTo(MAX_SHIFT) > 0) {
                problems.add(new RosterProblem("endsAt", "SHIFT_TOO_LONG",
                        "Ca trực dài quá 92 ngày; hãy nhập theo từng tuần hoặc từng tháng.",
                        "A shift longer than 92 days; enter it week by week or month by month."));
            }
        }
        if (d.note() != null && d.note().length() > MAX_NOTE) {
            problems.add(new RosterProblem("note", "NOTE_TOO_LONG",
                    "Ghi chú quá dài (tối đa " + MAX_NOTE + " ký tự).",
                    "Note is too long (at most " + MAX_NOTE + " characters)."));
        }
        return problems;
    }
}
