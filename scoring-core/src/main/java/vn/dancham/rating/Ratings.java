package vn.dancham.rating;

import java.util.List;

/**
 * Recording ratings. The one way into the rating tables: attribution, verification, anti-gaming and the
 * incremental aggregates happen in the same transaction as the insert.
 */
public interface Ratings {

    RatingReceipt record(RatingSubmission submission);

    /**
     * Records many ratings in one transaction, in order, each exactly as {@link #record} would (for bulk loads and
     * imports: one commit instead of one per rating). All or nothing in the PostgreSQL implementation; this default
     * (for fakes) records them one by one.
     */
    default List<RatingReceipt> recordAll(List<RatingSubmission> submissions) {
        return submissions.stream().map(this::record).toList();
    }

    /** The active questions, in order. */
    List<RatingQuestion> activeQuestions();
}
