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
            problems.add(new RosterProblem("officeId", "TARGET_REQUIRED"));
        }
        if (d.level() == null || d.level() < 1 || d.level() > 9) {
            problems.add(new RosterProblem("level", "INVALID_LEVEL"));
        }
        if (d.personName() == null || d.personName().isBlank()) {
            problems.add(new RosterProblem("personName", "NAME_REQUIRED"));
        } else if (d.personName().strip().length() > MAX_NAME) {
            problems.add(new RosterProblem("personName", "NAME_TOO_LONG", MAX_NAME));
        }
        if (PhoneNumbers.toE164(d.phone()).isEmpty()) {
            problems.add(new RosterProblem("phone", "INVALID_PHONE"));
        }
        if (d.startsAt() == null) {
            problems.add(new RosterProblem("startsAt", "START_REQUIRED"));
        }
        if (d.endsAt() == null) {
            problems.add(new RosterProblem("endsAt", "END_REQUIRED"));
        }
        if (d.startsAt() != null && d.endsAt() != null) {
            if (!d.endsAt().isAfter(d.startsAt())) {
                problems.add(new RosterProblem("endsAt", "END_NOT_AFTER_START"));
            } else if (Duration.between(d.startsAt(), d.endsAt()).compareTo(MAX_SHIFT) > 0) {
                problems.add(new RosterProblem("endsAt", "SHIFT_TOO_LONG", MAX_SHIFT.toDays()));
            }
        }
        if (d.note() != null && d.note().length() > MAX_NOTE) {
            problems.add(new RosterProblem("note", "NOTE_TOO_LONG", MAX_NOTE));
        }
        return problems;
    }
}
