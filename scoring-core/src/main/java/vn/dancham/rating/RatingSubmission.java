package vn.dancham.rating;

import java.time.Instant;
import java.util.regex.Pattern;

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
 * @param knownDigits  the last digits of the applicant's phone as the caller typed them when asked (the knowledge
 *                     check, {@link Ratings#identityCheck}), or null when not asked: matching digits make the
 *                     answer KNOWN rather than UNVERIFIED or WITHHELD
 * @param test         given in a test call (the web's test-call page): stored as TEST, never counted, never
 *                     replacing a real answer, never raising an alert
 */
public record RatingSubmission(Long callId, Long dossierId, Long officeId, String questionCode, int value,
                               String callerNumber, Instant givenAt, Channel channel, String answerKey,
                               String knownDigits, boolean test) {

    // Compiled once, not by String.matches on every answer (issue 16).
    private static final Pattern KNOWN_DIGITS_FORM = Pattern.compile("[0-9]{1,8}");


    /** SMS: an answer to an invitation by SMS reply (issue 17). */
    public enum Channel { PHONE, WEB, IMPORT, SMS }

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
        if (knownDigits != null && !KNOWN_DIGITS_FORM.matcher(knownDigits).matches()) {
            throw new IllegalArgumentException("Known digits are 1 to 8 digits: " + knownDigits);
        }
    }

    /** A submission that was not knowledge-checked and is not a test. */
    public RatingSubmission(Long callId, Long dossierId, Long officeId, String questionCode, int value,
                            String callerNumber, Instant givenAt, Channel channel, String answerKey) {
        this(callId, dossierId, officeId, questionCode, value, callerNumber, givenAt, channel, answerKey, null, false);
    }

    /** A submission without an answer key (web, imports, tests). */
    public RatingSubmission(Long callId, Long dossierId, Long officeId, String questionCode, int value,
                            String callerNumber, Instant givenAt, Channel channel) {
        this(callId, dossierId, officeId, questionCode, value, callerNumber, givenAt, channel, null);
    }

    /** This answer with the digits the caller typed at the knowledge check. */
    public RatingSubmission withKnownDigits(String digits) {
        return new RatingSubmission(callId, dossierId, officeId, questionCode, value, callerNumber, givenAt, channel,
                answerKey, digits, test);
    }

    /** This answer, given in a test call. */
    public RatingSubmission asTest() {
        return new RatingSubmission(callId, dossierId, officeId, questionCode, value, callerNumber, givenAt, channel,
                answerKey, knownDigits, true);
    }
}
