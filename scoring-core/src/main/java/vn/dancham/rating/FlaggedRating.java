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
 * @param targets      every officer (or office) the answer counts against once accepted, in attribution order: a
 *                     timeliness answer on a late dossier counts against the receiving officer and the late stage's
 *                     officer alike, and HR reviews it for all of them
 */
public record FlaggedRating(long ratingId, Instant givenAt, String criterion, int value, String identity,
                            String callerNumber, String flagReason, Long dossierId, String receiptNo, long officeId,
                            String officeName, Long officerId, String officerName, List<Evidence> evidence,
                            List<Target> targets) {

    public FlaggedRating {
        evidence = List.copyOf(evidence);
        targets = List.copyOf(targets);
    }

    /** One officer (null for the office alone) an answer is attributed to, and why (RECEIVING_OFFICER, LATE_STAGE…). */
    public record Target(Long officerId, String officerName, long officeId, String officeName, String reason) {
    }

    /** One answer a rule grouped with the held one, in its state now. */
    public record Evidence(long ratingId, Instant givenAt, String criterion, int value, String identity,
                           String callerNumber, String receiptNo, String status) {
    }
}
