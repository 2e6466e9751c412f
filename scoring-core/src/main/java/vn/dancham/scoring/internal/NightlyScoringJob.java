package vn.dancham.scoring.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.scoring.ScoringMaintenance;

/**
 * Nightly snapshots and score-concern check. Quartz (clustered) runs it on one node; Spring's job factory injects
 * the maintenance bean.
 */
@DisallowConcurrentExecution
public class NightlyScoringJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(NightlyScoringJob.class);

    private final ScoringMaintenance maintenance;

    public NightlyScoringJob(ScoringMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            maintenance.nightly();
        } catch (RuntimeException e) {
            log.error("Nightly scoring failed; it runs again tomorrow or can be started by hand", e);
            throw new JobExecutionException(e);
        }
    }
}
