package vn.dancham.admin.complaints;

import vn.dancham.text.StoredText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.complaint.RecordingRetention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Deletes complaint recordings older than {@code dancham.web.recording-retention} (personal data kept no longer
 * than needed). For each: the file goes first, then — in one transaction — the complaint row is noted DELETED with
 * the time and the audit log gets a {@code RECORDING_DELETED} entry by {@code system}. A file that cannot be
 * deleted leaves its row as it is (tried again next run), so the row never says "deleted" while the voice is still
 * on disk; a file that is already gone is noted as deleted all the same.
 */
@Component
class ExpiredRecordings {

    static final String AUDIT_ACTION = "RECORDING_DELETED";
    private static final Logger log = LoggerFactory.getLogger(ExpiredRecordings.class);
    private static final int BATCH = 500;

    /** What one run did. */
    record Outcome(int deleted, int alreadyMissing, int failed) {
    }

    private final RecordingRetention retention;
    private final Recordings recordings;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final WebProperties properties;

    ExpiredRecordings(RecordingRetention retention, Recordings recordings, AuditLog auditLog,
                      PlatformTransactionManager transactionManager, WebProperties properties) {
        this.retention = retention;
        this.recordings = recordings;
        this.auditLog = auditLog;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
    }

    Outcome deleteExpired(Instant now) {
        if (!properties.recordingsExpire()) {
            return new Outcome(0, 0, 0);
        }
        Instant cutoff = now.minus(properties.recordingRetention());
        int deleted = 0;
        int missing = 0;
        int failed = 0;
        long afterId = 0;
        List<RecordingRetention.Due> batch;
        do {
            batch = retention.due(cutoff, afterId, BATCH);
            for (RecordingRetention.Due due : batch) {
                afterId = due.complaintId();
                switch (deleteFile(due)) {
                    case DELETED -> deleted += note(due, now, "audit.text.recordingExpired") ? 1 : 0;
                    case MISSING -> missing += note(due, now, "audit.text.recordingExpired.missing") ? 1 : 0;
                    case FAILED -> failed++;
                }
            }
        } while (batch.size() == BATCH);
        if (deleted + missing + failed > 0) {
            log.info("Recording retention ({} before {}): {} deleted, {} already missing, {} could not be deleted",
                    properties.recordingRetention(), cutoff, deleted, missing, failed);
        }
        return new Outcome(deleted, missing, failed);
    }

    private enum FileResult { DELETED, MISSING, FAILED }

    private FileResult deleteFile(RecordingRetention.Due due) {
        Optional<Path> file = recordings.inside(due.recordingPath());
        if (file.isEmpty()) {
            // The database refuses such paths; if one got in anyway nothing outside the directory is touched.
            log.warn("Complaint {}: recording path {} is outside the recordings directory; not deleting anything",
                    due.complaintId(), due.recordingPath());
            return FileResult.MISSING;
        }
        try {
            return Files.deleteIfExists(file.get()) ? FileResult.DELETED : FileResult.MISSING;
        } catch (IOException | RuntimeException e) {
            log.warn("Complaint {}: could not delete the expired recording {} ({}); trying again next run",
                    due.complaintId(), file.get(), e.toString());
            return FileResult.FAILED;
        }
    }

    /** Notes the deletion in the audit log, worded by {@code code} (deleted, or already missing) in the reader's language. */
    private boolean note(RecordingRetention.Due due, Instant now, String code) {
        Boolean done = transactions.execute(tx -> {
            if (!retention.markDeleted(due.complaintId(), now)) {
                return false;
            }
            auditLog.recordTextAs("system", AUDIT_ACTION, "COMPLAINT", due.complaintId(), StoredText.of(code,
                    due.recordingPath(), java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                            .withZone(properties.zone()).format(due.createdAt()), properties.recordingRetention().toDays()));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }
}
