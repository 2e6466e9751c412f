package vn.dancham.dossier;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a dossier is now: the story a caller hears on the phone and the web shows on top of the timeline.
 *
 * @param currentStage the stage holding the dossier now; empty once returned or when no stage has started
 * @param late         true when the dossier is past its due time (returned late, or still open after it)
 */
public record DossierStatus(
        long dossierId,
        ReceiptNumber receipt,
        String procedureName,
        long receivingOfficeId,
        String receivingOfficeName,
        Long receivingOfficerId,
        String applicantPhone,
        Instant receivedAt,
        Instant dueAt,
        Instant returnedAt,
        String status,
        Optional<CurrentStage> currentStage,
        boolean late) {

    /** The stage that holds the dossier now and since when. */
    public record CurrentStage(String stageName, long officeId, String officeName, Long officerId,
                               String officerName, Instant startedAt, Instant dueAt) {
    }

    public boolean returned() {
        return returnedAt != null;
    }
}
