package vn.dancham.ivr.hotline;

import org.junit.jupiter.api.Test;
import vn.dancham.rating.RatingQuestion;

import static org.assertj.core.api.Assertions.assertThat;

/** The questions a node asks before it has read the table (database away at start-up), named as before issue 19. */
class StandardQuestionsTest {

    @Test
    void theStandardThreeKeepTheirNamesInBothLanguages() {
        assertThat(HotlineFlow.standardQuestions()).containsExactly(
                new RatingQuestion(0, "ATTITUDE", "ATTITUDE", 1, "Thái độ", "Attitude"),
                new RatingQuestion(0, "TIMELINESS", "TIMELINESS", 2, "Thời gian", "Timeliness"),
                new RatingQuestion(0, "OVERALL", "OVERALL", 3, "Hài lòng chung", "Overall"));
    }
}
