package vn.dancham.review.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.review.ReviewRequests.AskOutcome;
import vn.dancham.review.ReviewRequests.DecideOutcome;
import vn.dancham.review.ReviewRequests.Status;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewPolicyTest {

    @Test
    void aRequestNeedsAReasonOfAtMost2000Characters() {
        assertThat(ReviewPolicy.reasonProblem(null)).contains(AskOutcome.REASON_MISSING);
        assertThat(ReviewPolicy.reasonProblem("  \n ")).contains(AskOutcome.REASON_MISSING);
        assertThat(ReviewPolicy.reasonProblem("x".repeat(2001))).contains(AskOutcome.REASON_TOO_LONG);
        assertThat(ReviewPolicy.reasonProblem(" " + "x".repeat(2000) + " ")).isEmpty();
    }

    @Test
    void onlyAnOpenRequestIsDecidedAndARefusalSaysWhy() {
        assertThat(ReviewPolicy.decisionProblem(Status.OPEN, true, "")).isEmpty();
        assertThat(ReviewPolicy.decisionProblem(Status.OPEN, false, " ")).contains(DecideOutcome.NOTE_MISSING);
        assertThat(ReviewPolicy.decisionProblem(Status.OPEN, false, "Sổ ghi tên bạn")).isEqualTo(Optional.empty());
        assertThat(ReviewPolicy.decisionProblem(Status.OPEN, true, "x".repeat(2001))).contains(DecideOutcome.NOTE_TOO_LONG);
        assertThat(ReviewPolicy.decisionProblem(Status.REJECTED, true, "")).contains(DecideOutcome.NOT_OPEN);
        assertThat(ReviewPolicy.decisionProblem(Status.ACCEPTED, false, "lại")).contains(DecideOutcome.NOT_OPEN);
    }
}
