package vn.dancham.complaint;

import java.time.Instant;
import java.util.List;

/**
 * The database side of deleting complaint recordings after the retention period: which recordings are due, and
 * the note on the complaint row once the file is gone (state DELETED and when; the path is kept so the audit log
 * and the row still say which file it was). Deleting files is the caller's job.
 */
public interface RecordingRetention {

    /** A recording still marked RECORDED whose complaint was made before the cut-off. */
    record Due(long complaintId, String recordingPath, Instant createdAt) {
    }

    /** Up to {@code limit} recordings made before {@code cutoff} with a complaint id above {@code afterId}, by id. */
    List<Due> due(Instant cutoff, long afterId, int limit);

    /**
     * Notes on the complaint that its recording was deleted at {@code at}; false when it was not RECORDED any more
     * (another node did it first), so the deletion is audited once.
     */
    boolean markDeleted(long complaintId, Instant at);
}
