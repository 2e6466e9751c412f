package vn.dancham.rating;

import java.time.Instant;
import java.util.List;

/**
 * A rating held out of the scores until HR reviews it.
 *
 * @param flagReason   the eligibility rule that held it: DAILY_CAP, DOSSIER_CALLERS, CALLER_OFFICER,
 *                     OFFICER_ANONYMOUS, BURST or LOW_CLUSTER (IDENTICAL_LOW on answers held before V60)
 * @param callerNumber national format, null when withheld (mask it for roles that do not need it)
 * @param evidence     the other answers the rule grouped with this one, oldest first
 */
public record FlaggedRating(long ratingId, Instant givenAt, String criterion, int value, String identity,
                            String callerNumber, String flagReason, Long dossierId, String receiptNo, long officeId,
                            String officeName, Long officerId, String officerName, List<Evidence> evidence) {

    public FlaggedRating {
        evidence = List.copyOf(evidence);
    }

    /** One answer a rule grouped with the held one, in its state now. */
    public record Evidence(long ratingId, Instant givenAt, String criterion, int value, String identity,
                           String callerNumber, String receiptNo, String status) {
    }
}
