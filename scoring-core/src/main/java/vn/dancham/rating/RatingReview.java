package vn.dancham.rating;

import java.util.List;

/** HR's review of flagged ratings: valid ones are counted from then on, invalid ones stay stored as REJECTED. */
public interface RatingReview {

    enum Result { COUNTED, REJECTED, NOT_FLAGGED, NOT_FOUND }

    /** Flagged ratings, newest first; only those about one office (and its officers) when {@code officeId} is set. */
    List<FlaggedRating> flagged(Long officeId, int limit);

    /**
     * Marks a flagged rating valid (it counts, in the aggregates at once) or invalid (REJECTED). A rating that is
     * not flagged (already reviewed, superseded) is left alone and answered NOT_FLAGGED.
     *
     * @param reviewerUserId the app_user reviewing, null for a system action
     */
    Result review(long ratingId, boolean valid, Long reviewerUserId);
}
