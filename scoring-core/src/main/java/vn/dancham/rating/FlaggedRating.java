package vn.dancham.rating;

import java.time.Instant;

/**
 * A rating held out of the scores until HR reviews it.
 *
 * @param flagReason DAILY_CAP, BURST or IDENTICAL_LOW
 * @param callerNumber national format, null when withheld (mask it for roles that do not need it)
 */
public record FlaggedRating(long ratingId, Instant givenAt, String criterion, int value, String identity,
                            String callerNumber, String flagReason, Long dossierId, String receiptNo, long officeId,
                            String officeName, Long officerId, String officerName) {
}
