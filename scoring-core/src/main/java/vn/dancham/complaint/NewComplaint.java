package vn.dancham.complaint;

import java.time.Instant;

/**
 * A complaint as a caller left it.
 *
 * @param recordingPath    path relative to the recordings directory (never absolute, never with ".."), or null
 * @param recordingSeconds length of the recording, or null
 * @param recordingState   NONE (no recording), RECORDED, FAILED (the line could not record)
 * @param answerKey        the hotline's key for this one report, or null: a second complaint with the same key
 *                         stores nothing (and opens no second incident) and returns the first one's id
 * @param test             left in a test call (the web's test-call page): stored as test, kept out of the inbox,
 *                         opening no incident and sending no SMS
 */
public record NewComplaint(Kind kind, Long callId, Long dossierId, String receiptNo, Long officeId, Long officerId,
                           String callerNumber, String recordingPath, Integer recordingSeconds,
                           RecordingState recordingState, Instant createdAt, String answerKey, boolean test) {

    public enum Kind { COMPLAINT, HARASSMENT, LEADER_MESSAGE }

    public enum RecordingState { NONE, RECORDED, FAILED }

    public NewComplaint {
        if (kind == null || recordingState == null || createdAt == null) {
            throw new IllegalArgumentException("A complaint has a kind, a recording state and a time");
        }
        if (recordingPath != null && (recordingPath.startsWith("/") || recordingPath.contains(".."))) {
            throw new IllegalArgumentException("A recording path is relative to the recordings directory: "
                    + recordingPath);
        }
        if (recordingSeconds != null && recordingSeconds < 0) {
            throw new IllegalArgumentException("A recording lasts zero seconds or more: " + recordingSeconds);
        }
        if (answerKey != null && (answerKey.isBlank() || answerKey.length() > 100)) {
            throw new IllegalArgumentException("An answer key is 1 to 100 characters: " + answerKey);
        }
    }

    /** A complaint from a real call. */
    public NewComplaint(Kind kind, Long callId, Long dossierId, String receiptNo, Long officeId, Long officerId,
                        String callerNumber, String recordingPath, Integer recordingSeconds,
                        RecordingState recordingState, Instant createdAt, String answerKey) {
        this(kind, callId, dossierId, receiptNo, officeId, officerId, callerNumber, recordingPath, recordingSeconds,
                recordingState, createdAt, answerKey, false);
    }

    /** This complaint, left in a test call. */
    public NewComplaint asTest() {
        return new NewComplaint(kind, callId, dossierId, receiptNo, officeId, officerId, callerNumber, recordingPath,
                recordingSeconds, recordingState, createdAt, answerKey, true);
    }

    /** A complaint without an answer key (web, imports, tests). */
    public NewComplaint(Kind kind, Long callId, Long dossierId, String receiptNo, Long officeId, Long officerId,
                        String callerNumber, String recordingPath, Integer recordingSeconds,
                        RecordingState recordingState, Instant createdAt) {
        this(kind, callId, dossierId, receiptNo, officeId, officerId, callerNumber, recordingPath, recordingSeconds,
                recordingState, createdAt, null);
    }
}
