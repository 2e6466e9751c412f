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
     * One problem with the input.
     *
     * @param field     the {@link DossierData}/{@link StageData} component at fault, e.g. {@code procedureCode}
     * @param messageVi what is wrong, in Vietnamese
     * @param messageEn the same in English
     */
    public record Problem(String field, String messageVi, String messageEn) {
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
