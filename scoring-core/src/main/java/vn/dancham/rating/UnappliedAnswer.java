package vn.dancham.rating;

import java.time.Instant;

/**
 * An answer a caller was told was kept, which could not be applied as it is (the hotline's journal replayed it
 * after an outage and the database refused it every time): kept with the answers the writer set aside, for HR
 * ({@link Ratings#keepAside}).
 *
 * @param dossierId the dossier, when known; else {@code receiptNo}, the number the caller typed, which the register
 *                  did not know (looked up again when HR sends the answer again), or {@code officeId}
 * @param reason    why it could not be applied, as the program gave it (for the administrator)
 */
public record UnappliedAnswer(Long callId, Long dossierId, String receiptNo, Long officeId, String questionCode,
                              int value, String callerNumber, Instant givenAt, String answerKey, String knownDigits,
                              String reason) {

    public UnappliedAnswer {
        if (value < 1 || value > 5) {
            throw new IllegalArgumentException("A rating is 1 to 5: " + value);
        }
        if (dossierId == null && receiptNo == null && officeId == null) {
            throw new IllegalArgumentException("A rating is about a dossier or an office");
        }
        if (questionCode == null || questionCode.isBlank() || givenAt == null || reason == null) {
            throw new IllegalArgumentException("An answer set aside has its question, its time and its reason");
        }
    }
}
