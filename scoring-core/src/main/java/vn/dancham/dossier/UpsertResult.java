package vn.dancham.dossier;

import java.util.List;

/**
 * What an idempotent upsert did. A rejection is an expected outcome with every problem found, not an exception;
 * nothing is written when it is rejected.
 *
 * @param id the dossier's or stage's id; null when rejected
 */
public record UpsertResult(Outcome outcome, Long id, List<Problem> problems) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED, REJECTED }

    /**
     * One problem with the input, as a stable code and its arguments: the words are the caller's to choose (the
     * admin web renders {@code dossier.problem.<code>} from its message bundles in the reader's language).
     *
     * @param field the {@link DossierData}/{@link StageData} component at fault, e.g. {@code procedureCode}
     * @param code  what is wrong, e.g. {@code PROCEDURE_UNKNOWN}
     * @param args  the values the sentence names (the unknown code, the statuses allowed…), in order
     */
    public record Problem(String field, String code, List<Object> args) {
        public Problem {
            args = List.copyOf(args);
        }

        public Problem(String field, String code, Object... args) {
            this(field, code, List.of(args));
        }
    }

    public UpsertResult {
        problems = List.copyOf(problems);
    }

    public static UpsertResult rejected(List<Problem> problems) {
        return new UpsertResult(Outcome.REJECTED, null, problems);
    }

    public static UpsertResult of(Outcome outcome, long id) {
        return new UpsertResult(outcome, id, List.of());
    }

    public boolean accepted() {
        return outcome != Outcome.REJECTED;
    }
}
