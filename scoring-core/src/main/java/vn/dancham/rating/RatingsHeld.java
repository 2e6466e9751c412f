package vn.dancham.rating;

import java.util.List;

/**
 * Answers that counted until a later answer showed them to be part of a pattern (a burst, a cluster of low answers)
 * and are now held for HR. Published synchronously inside the rating's transaction, so an alert raised on one of
 * them is withdrawn in the same commit.
 *
 * @param ratingIds the answers just taken out of the scores
 * @param rule      the eligibility rule that held them (as stored in {@code rating.flag_reason})
 */
public record RatingsHeld(List<Long> ratingIds, String rule) {

    public RatingsHeld {
        ratingIds = List.copyOf(ratingIds);
    }
}
