package vn.dancham.rating;

import java.util.List;

/**
 * Recording ratings. The one way into the rating tables: attribution, verification, anti-gaming and the
 * incremental aggregates happen in the same transaction as the insert.
 */
public interface Ratings {

    RatingReceipt record(RatingSubmission submission);

    /** The active questions, in order. */
    List<RatingQuestion> activeQuestions();
}
