package vn.dancham.complaint;

import java.time.Instant;

/**
 * A complaint as a caller left it.
 *
 * @param officeId         the office the caller chose; when the complaint is about a dossier, the office that held
 *                         it when the complaint was made is stored instead (see {@code Complaints.record})
 * @param officerId        the officer the caller named, if any: kept for the handler, never scored by itself
 * @param recordingPath    path relative to the recordings directory (never absolute, never with ".."), or null
 * @param recordingSeconds length of the recording, or null
 * @param recordingState   NONE (no recording), RECORDED, FAILED (the system could not record)
 * @param recordingFailure why a FAILED recording failed, when known, else null
 * @param answerKey        the hotline's key for this one report, or null: a second complaint with the same key
 *                         stores nothing (and opens no second incident) and returns the first one's id
 * @param test             left in a test call (the web's test-call page): stored as test, kept out of the inbox,
 *                         opening no incident and sending no SMS
 */
public record NewComplaint(Kind kind, Long callId, Long dossierId, String receiptNo, Long officeId, Long officerId,
                           String callerNumber, String recordingPath, Integer recordingSeconds,
                           RecordingState recordingState, Instant createdAt, String answerKey, boolean test,
                           RecordingFailure recordingFailure) {

    public enum Kind { COMPLAINT, HARASSMENT, LEADER_MESSAGE }

    public enum RecordingState { NONE, RECORDED, FAILED }

    /**
     * Why a recording failed: WRITE_FILE, Asterisk could not create the file (the recordings directory's permissions
     * or a full disk — an administrator's matter); LINE, the line failed as the recording began.
     */
    public enum RecordingFailure { WRITE_FILE, LINE }

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
        if (recordingFailure != null && recordingState != RecordingState.FAILED) {
            throw new IllegalArgumentException("Only a failed recording has a failure: " + recordingState);
        }
    }

    /** A complaint from a real call whose recording, if it failed, failed for a reason not known. */
    public NewComplaint(Kind kind, Long callId, Long dossierId, String receiptNo, Long officeId, Long officerId,
                        String callerNumber, String recordingPath, Integer recordingSeconds,
                        RecordingState recordingState, Instant createdAt, String answerKey) {
        this(kind, callId, dossierId, receiptNo, officeId, officerId, callerNumber, recordingPath, recordingSeconds,
                recordingState, createdAt, answerKey, false, null);
    }

    /** A complaint, real or test, whose recording failure is not known. */
    public NewComplaint(Kind kind, Long callId, Long dossierId, String receiptNo, Long officeId, Long officerId,
                        String callerNumber, String recordingPath, Integer recordingSeconds,
                        RecordingState recordingState, Instant createdAt, String answerKey, boolean test) {
        this(kind, callId, dossierId, receiptNo, officeId, officerId, callerNumber, recordingPath, recordingSeconds,
                recordingState, createdAt, answerKey, test, null);
    }

    /** A complaint from a real call, with why its recording failed. */
    public NewComplaint(Kind kind, Long callId, Long dossierId, String receiptNo, Long officeId, Long officerId,
                        String callerNumber, String recordingPath, Integer recordingSeconds,
                        RecordingState recordingState, Instant createdAt, String answerKey,
                        RecordingFailure recordingFailure) {
        this(kind, callId, dossierId, receiptNo, officeId, officerId, callerNumber, recordingPath, recordingSeconds,
                recordingState, createdAt, answerKey, false, recordingFailure);
    }

    /** This complaint, left in a test call. */
    public NewComplaint asTest() {
        return new NewComplaint(kind, callId, dossierId, receiptNo, officeId, officerId, callerNumber, recordingPath,
                recordingSeconds, recordingState, createdAt, answerKey, true, recordingFailure);
    }

    /** A complaint without an answer key (web, imports, tests). */
    public NewComplaint(Kind kind, Long callId, Long dossierId, String receiptNo, Long officeId, Long officerId,
                        String callerNumber, String recordingPath, Integer recordingSeconds,
                        RecordingState recordingState, Instant createdAt) {
        this(kind, callId, dossierId, receiptNo, officeId, officerId, callerNumber, recordingPath, recordingSeconds,
                recordingState, createdAt, null, false, null);
    }
}
