package vn.dancham.ivr.journal;

import java.time.Instant;

/**
 * One answer to one rating question. The dossier may be known only by the receipt number the caller typed (the
 * database could not look it up): the replay looks it up then.
 *
 * @param dossierId the dossier rated, when it was looked up during the call
 * @param receiptNo the receipt number typed, when the dossier could not be looked up
 * @param officeId    the office rated without a dossier
 * @param knownDigits what the caller typed at the knowledge check (last digits of the applicant's phone), or null:
 *                    replayed with the answer so that it is judged as it would have been live
 */
public record KeptRating(String key, JournalCall call, Long dossierId, String receiptNo, Long officeId,
                         String questionCode, int value, Instant at, String knownDigits) implements KeptAnswer {

    public KeptRating {
        KeptAnswer.requireKey(key);
        if (call == null || at == null || questionCode == null || questionCode.isBlank()) {
            throw new IllegalArgumentException("A kept rating has a call, a question and a time");
        }
        if (value < 1 || value > 5) {
            throw new IllegalArgumentException("A rating is 1 to 5: " + value);
        }
        if (dossierId == null && receiptNo == null && officeId == null) {
            throw new IllegalArgumentException("A kept rating is about a dossier, a receipt number or an office");
        }
        if (knownDigits != null && !knownDigits.matches("[0-9]{1,8}")) {
            throw new IllegalArgumentException("Known digits are 1 to 8 digits: " + knownDigits);
        }
    }

    /** An answer given without the knowledge check. */
    public KeptRating(String key, JournalCall call, Long dossierId, String receiptNo, Long officeId,
                      String questionCode, int value, Instant at) {
        this(key, call, dossierId, receiptNo, officeId, questionCode, value, at, null);
    }
}
