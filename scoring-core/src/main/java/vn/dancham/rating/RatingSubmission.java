package vn.dancham.rating;

import java.time.Instant;

/**
 * One answer to one rating question, as given by a caller (or another channel). The scoring core decides to whom
 * it is attributed, whether it is verified and whether it counts.
 *
 * @param callId       the hotline call it was given in, null for other channels
 * @param dossierId    the dossier rated, null when the caller chose an office instead
 * @param officeId     the office rated when no dossier is given (ignored when a dossier is given)
 * @param questionCode a {@code rating_question.code}, e.g. ATTITUDE
 * @param value        1 (very dissatisfied) to 5 (very satisfied)
 * @param callerNumber the caller's number as Asterisk gave it, null when withheld
 * @param answerKey    the hotline's key for this one answer, or null: a second submission with the same key stores
 *                     nothing and returns the first one's receipt (replays after a database outage)
 */
public record RatingSubmission(Long callId, Long dossierId, Long officeId, String questionCode, int value,
                               String callerNumber, Instant givenAt, Channel channel, String answerKey) {

    public enum Channel { PHONE, WEB, IMPORT }

    public RatingSubmission {
        if (value < 1 || value > 5) {
            throw new IllegalArgumentException("A rating is 1 to 5: " + value);
        }
        if (dossierId == null && officeId == null) {
            throw new IllegalArgumentException("A rating is about a dossier or an office");
        }
        if (questionCode == null || questionCode.isBlank()) {
            throw new IllegalArgumentException("A rating answers a question");
        }
        if (answerKey != null && (answerKey.isBlank() || answerKey.length() > 100)) {
            throw new IllegalArgumentException("An answer key is 1 to 100 characters: " + answerKey);
        }
    }

    /** A submission without an answer key (web, imports, tests). */
    public RatingSubmission(Long callId, Long dossierId, Long officeId, String questionCode, int value,
                            String callerNumber, Instant givenAt, Channel channel) {
        this(callId, dossierId, officeId, questionCode, value, callerNumber, givenAt, channel, null);
    }
}
