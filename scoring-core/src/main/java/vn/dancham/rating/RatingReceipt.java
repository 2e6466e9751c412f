package vn.dancham.rating;

/**
 * What happened to a submitted rating. Expected outcomes, not errors: a flagged or capped rating is still stored.
 *
 * @param ratingId the stored row
 * @param outcome  COUNTED, FLAGGED (held out until HR reviews it), CAPPED (over the caller's daily cap, stored
 *                 and flagged) or TEST (given in a test call: stored for the tester, never counted)
 */
public record RatingReceipt(long ratingId, Outcome outcome, boolean verified) {

    public enum Outcome { COUNTED, FLAGGED, CAPPED, TEST }
}
