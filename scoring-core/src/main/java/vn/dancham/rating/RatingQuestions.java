package vn.dancham.rating;

import java.util.List;

/**
 * The rating questions as administrators manage them: their order, whether the hotline asks them, and their written
 * wording (Vietnamese and English). New questions are not created here: the hotline speaks each question from a
 * recording made for its code (ivr {@code Prompt.QUESTION_*}), and what a question is about (its criterion) decides
 * to whom its ratings are attributed, so a new question comes with new audio and a migration.
 */
public interface RatingQuestions {

    /** One question, active or not. */
    record Question(long id, String code, String criterion, int seq, String promptVi, String promptEn,
                    boolean active) {
    }

    /** What the administrator submitted for one question, as typed. */
    record Edit(long id, String seq, String promptVi, String promptEn, boolean active) {
    }

    enum Field { SEQ, PROMPT_VI, PROMPT_EN, ACTIVE }

    enum Problem {
        REQUIRED,
        /** The order is a whole number 1–99. */
        NOT_WHOLE,
        OUT_OF_RANGE,
        /** Two questions with the same order number. */
        DUPLICATE_ORDER,
        /** Longer than {@link #MAX_PROMPT} characters. */
        TOO_LONG,
        /** The hotline must ask at least one question: reported on every question, field ACTIVE. */
        NONE_ACTIVE
    }

    int MAX_PROMPT = 500;
    int MAX_SEQ = 99;

    record FieldProblem(long questionId, Field field, Problem problem) {
    }

    record Change(Question before, Question after) {
    }

    /** Nothing stored when {@code problems} is not empty; otherwise the questions that changed. */
    record Update(List<FieldProblem> problems, List<Change> changes) {

        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    /** Every question, in the order the hotline asks them (inactive ones in their place). */
    List<Question> all();

    /**
     * Applies the edits of every question at once (a reorder touches several). Every existing question must be in
     * {@code edits} exactly once (a missing or unknown id is a caller's bug: IllegalArgumentException). The
     * hotline's next call asks the active questions in the new order.
     */
    Update update(List<Edit> edits);
}
