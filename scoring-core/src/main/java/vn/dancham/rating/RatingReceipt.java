package vn.dancham.rating;

/**
 * What happened to a submitted rating. Expected outcomes, not errors: a flagged or capped rating is still stored.
 *
 * @param ratingId the stored row
 * @param outcome  COUNTED, FLAGGED (held out until HR reviews it), TEST (given in a test call: stored, never
 *                 counted) or CAPPED (over the caller's daily cap, stored
 *                 and flagged)
 */
public record RatingReceipt(long ratingId, Outcome outcome, boolean verified) {

    public enum Outcome { COUNTED, FLAGGED, CAPPED, TEST }
}
