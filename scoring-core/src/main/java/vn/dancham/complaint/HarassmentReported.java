package vn.dancham.complaint;

import java.time.Instant;

/**
 * A caller reported an officer who asked for money or harassed them (vòi vĩnh, hạch sách). Published once per
 * report stored, just after it, in the transaction that clears the report's incident mark: the incident and its SMS
 * the listeners write commit with that mark cleared, or not at all (the report then waits for the next try).
 *
 * @param receiptNo the dossier's receipt number when the caller gave one, else null
 */
public record HarassmentReported(long complaintId, Long callId, Long dossierId, String receiptNo, Long officeId,
                                 Long officerId, String callerNumber, Instant reportedAt) {
}
