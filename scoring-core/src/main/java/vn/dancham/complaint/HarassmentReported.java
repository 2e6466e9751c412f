package vn.dancham.complaint;

import java.time.Instant;

/**
 * A caller reported an officer who asked for money or harassed them (vòi vĩnh, hạch sách). Published in the
 * transaction that stores the report, so the incident and its SMS are written atomically with it.
 *
 * @param receiptNo the dossier's receipt number when the caller gave one, else null
 */
public record HarassmentReported(long complaintId, Long callId, Long dossierId, String receiptNo, Long officeId,
                                 Long officerId, String callerNumber, Instant reportedAt) {
}
