package vn.dancham.admin.complaints;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

import java.time.Instant;

/**
 * The nightly Quartz job of recording retention. Stateless, like the escalation jobs: whichever node of the
 * cluster fires it reads what is due from the database, and a run cut short leaves rows the next run picks up.
 * It must be public for Quartz to instantiate it from the JDBC store.
 */
@DisallowConcurrentExecution
public class RecordingRetentionJob implements Job {

    private final ExpiredRecordings expired;

    RecordingRetentionJob(ExpiredRecordings expired) {
        this.expired = expired;
    }

    @Override
    public void execute(JobExecutionContext context) {
        expired.deleteExpired(Instant.now());
    }
}
