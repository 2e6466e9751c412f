package vn.dancham.escalation;

import java.util.List;

/**
 * Why a shift cannot be saved, for one field of {@link DutyShiftDraft}: a stable code and its arguments, no words
 * (the admin web renders {@code roster.problem.<code>} from its message bundles in the reader's language).
 *
 * @param field the draft's component name, e.g. {@code phone}
 * @param code  stable machine code, e.g. {@code INVALID_PHONE}
 * @param args  the values the sentence names (a length limit…), in order
 */
public record RosterProblem(String field, String code, List<Object> args) {

    public RosterProblem {
        args = List.copyOf(args);
    }

    public RosterProblem(String field, String code, Object... args) {
        this(field, code, List.of(args));
    }
}
