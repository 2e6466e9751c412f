package vn.dancham.rating;

/**
 * What happened to a submitted rating. Expected outcomes, not errors: a flagged or capped rating is still stored.
 *
 * @param ratingId the stored row
 * @param outcome  COUNTED, FLAGGED (held out until HR reviews it), TEST (given in a test call: stored, never
 *                 counted), CAPPED (over the caller's daily cap, stored
 *                 and flagged) or SUPERSEDED (applied after an answer the same caller gave later to the same
 *                 question: stored, replaced at once by that newer answer, never counted)
 */
public record RatingReceipt(long ratingId, Outcome outcome, boolean verified) {

    public enum Outcome { COUNTED, FLAGGED, CAPPED, TEST, SUPERSEDED }
}
