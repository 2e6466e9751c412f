package vn.dancham.rating.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingQuestions;
import vn.dancham.rating.RatingQuestions.Edit;
import vn.dancham.rating.RatingQuestions.Field;
import vn.dancham.rating.RatingQuestions.FieldProblem;
import vn.dancham.rating.RatingQuestions.Problem;
import vn.dancham.scoring.test.ScoringCoreFixture;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Administrators reorder, deactivate and reword the rating questions; the hotline's list follows at once. */
class RatingQuestionsIT {

    final ScoringCoreFixture f = ScoringCoreFixture.fresh();
    final JooqRatingQuestions questions = new JooqRatingQuestions(f.dsl, f.transactions);

    @AfterEach
    void tearDown() {
        f.close();
    }

    List<Edit> asTheyAre() {
        List<Edit> edits = new ArrayList<>();
        for (RatingQuestions.Question q : questions.all()) {
            edits.add(new Edit(q.id(), String.valueOf(q.seq()), q.promptVi(), q.promptEn(), q.active()));
        }
        return edits;
    }

    @Test
    void reorderingDeactivatingAndRewordingChangeWhatTheHotlineAsksNext() {
        assertThat(questions.all()).extracting(RatingQuestions.Question::code)
                .containsExactly("ATTITUDE", "TIMELINESS", "OVERALL");
        List<Edit> edits = asTheyAre();
        // OVERALL first, TIMELINESS no longer asked, ATTITUDE reworded.
        edits.set(0, new Edit(edits.get(0).id(), "2", "  Thái độ của cán bộ một cửa?  ", "Counter officer's attitude?",
                true));
        edits.set(1, new Edit(edits.get(1).id(), "3", edits.get(1).promptVi(), edits.get(1).promptEn(), false));
        edits.set(2, new Edit(edits.get(2).id(), "1", edits.get(2).promptVi(), edits.get(2).promptEn(), true));

        RatingQuestions.Update update = questions.update(edits);
        assertThat(update.accepted()).isTrue();
        assertThat(update.changes()).hasSize(3);
        assertThat(update.changes().getFirst().after().promptVi()).isEqualTo("Thái độ của cán bộ một cửa?");
        assertThat(f.ratings.activeQuestions()).extracting(RatingQuestion::code, RatingQuestion::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERALL", 1),
                        org.assertj.core.groups.Tuple.tuple("ATTITUDE", 2));
        assertThat(questions.all()).extracting(RatingQuestions.Question::code, RatingQuestions.Question::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERALL", true),
                        org.assertj.core.groups.Tuple.tuple("ATTITUDE", true),
                        org.assertj.core.groups.Tuple.tuple("TIMELINESS", false));
        assertThat(questions.update(asTheyAre()).changes()).isEmpty();
    }

    @Test
    void theHotlineAlwaysKeepsOneQuestionAndOrdersAndWordingAreChecked() {
        List<Edit> none = asTheyAre().stream()
                .map(e -> new Edit(e.id(), e.seq(), e.promptVi(), e.promptEn(), false)).toList();
        RatingQuestions.Update refused = questions.update(none);
        assertThat(refused.problems()).extracting(FieldProblem::field, FieldProblem::problem)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Field.ACTIVE, Problem.NONE_ACTIVE));
        assertThat(f.ratings.activeQuestions()).hasSize(3);

        List<Edit> edits = asTheyAre();
        long second = edits.get(1).id();
        long third = edits.get(2).id();
        edits.set(1, new Edit(second, "1", "", edits.get(1).promptEn(), true));
        edits.set(2, new Edit(third, "x", edits.get(2).promptVi(), "a".repeat(501), true));
        assertThat(questions.update(edits).problems()).containsExactlyInAnyOrder(
                new FieldProblem(second, Field.SEQ, Problem.DUPLICATE_ORDER),
                new FieldProblem(second, Field.PROMPT_VI, Problem.REQUIRED),
                new FieldProblem(third, Field.SEQ, Problem.NOT_WHOLE),
                new FieldProblem(third, Field.PROMPT_EN, Problem.TOO_LONG));
        assertThat(questions.all()).extracting(RatingQuestions.Question::seq).containsExactly(1, 2, 3);
    }

    @Test
    void everyQuestionMustBeSubmitted() {
        List<Edit> edits = asTheyAre();
        assertThatThrownBy(() -> questions.update(edits.subList(0, 2))).isInstanceOf(IllegalArgumentException.class);
        List<Edit> unknown = new ArrayList<>(edits);
        unknown.add(new Edit(9999, "9", "a", "b", true));
        assertThatThrownBy(() -> questions.update(unknown)).isInstanceOf(IllegalArgumentException.class);
    }
}
