package vn.dancham.escalation;

import java.util.List;
import java.util.Optional;

/** Managing the duty roster from the web: list, add, change and delete shifts. */
public interface DutyShifts {

    List<DutyShift> list(DutyShiftQuery query);

    Optional<DutyShift> find(long id);

    /** Validates and stores a new shift; {@link RosterChange.Saved} or {@link RosterChange.Rejected}. */
    RosterChange add(DutyShiftDraft draft);

    /** Validates and replaces a shift; {@link RosterChange.Saved}, {@link RosterChange.Rejected} or NotFound. */
    RosterChange update(long id, DutyShiftDraft draft);

    /** {@link RosterChange.Deleted} or {@link RosterChange.NotFound}. */
    RosterChange delete(long id);
}
