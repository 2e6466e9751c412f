package vn.dancham.escalation;

import java.util.List;

/** The outcome of adding, changing or deleting a shift: expected outcomes, not exceptions. */
public sealed interface RosterChange {

    record Saved(DutyShift shift) implements RosterChange {
    }

    record Deleted(long id) implements RosterChange {
    }

    /** Nothing was written; every problem with the draft is listed. */
    record Rejected(List<RosterProblem> problems) implements RosterChange {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }

    record NotFound(long id) implements RosterChange {
    }
}
