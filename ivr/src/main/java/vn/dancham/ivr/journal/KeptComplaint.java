package vn.dancham.ivr.journal;

import vn.dancham.complaint.NewComplaint;

import java.time.Instant;

/**
 * A complaint, harassment report or message for the leader. Replayed through the same port as a live one, so a
 * harassment report still opens its incident and SMS when it reaches the database.
 *
 * @param dossierId     the dossier it is about, when looked up during the call
 * @param receiptNo     the receipt number the caller gave, or null
 * @param recordingPath path relative to the recordings directory, or null
 */
public record KeptComplaint(String key, JournalCall call, NewComplaint.Kind kind, Long dossierId, String receiptNo,
                            Long officeId, String recordingPath, Integer recordingSeconds,
                            NewComplaint.RecordingState recordingState, Instant at) implements KeptAnswer {

    public KeptComplaint {
        KeptAnswer.requireKey(key);
        if (call == null || kind == null || recordingState == null || at == null) {
            throw new IllegalArgumentException("A kept complaint has a call, a kind, a recording state and a time");
        }
        if (recordingPath != null && (recordingPath.startsWith("/") || recordingPath.contains(".."))) {
            throw new IllegalArgumentException("A recording path is relative: " + recordingPath);
        }
    }
}
