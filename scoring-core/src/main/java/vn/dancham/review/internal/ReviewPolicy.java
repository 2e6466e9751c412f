package vn.dancham.review.internal;

import vn.dancham.review.ReviewRequests;
import vn.dancham.review.ReviewRequests.AskOutcome;
import vn.dancham.review.ReviewRequests.DecideOutcome;
import vn.dancham.review.ReviewRequests.Status;

import java.util.Optional;

/** What makes a request or a decision acceptable, as plain functions. */
final class ReviewPolicy {

    private ReviewPolicy() {
    }

    /** Empty when the reason is acceptable. */
    static Optional<AskOutcome> reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return Optional.of(AskOutcome.REASON_MISSING);
        }
        if (reason.strip().length() > ReviewRequests.MAX_REASON) {
            return Optional.of(AskOutcome.REASON_TOO_LONG);
        }
        return Optional.empty();
    }

    /** Empty when the request may be decided with this note; a refusal must say why, an acceptance may not. */
    static Optional<DecideOutcome> decisionProblem(Status current, boolean accept, String note) {
        if (current != Status.OPEN) {
            return Optional.of(DecideOutcome.NOT_OPEN);
        }
        if (!accept && (note == null || note.isBlank())) {
            return Optional.of(DecideOutcome.NOTE_MISSING);
        }
        if (note != null && note.strip().length() > ReviewRequests.MAX_NOTE) {
            return Optional.of(DecideOutcome.NOTE_TOO_LONG);
        }
        return Optional.empty();
    }
}
