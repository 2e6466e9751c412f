package vn.dancham.scoring.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.scoring.ScoringMaintenance;

/**
 * Takes the trend snapshots of past periods touched by late changes again
 * ({@link ScoringMaintenance#refreshStaleExceptLarge}: the province's and the fields' points wait for the night).
 * Quartz (clustered) runs it on one node every few minutes; Spring's job factory injects the maintenance bean.
 */
@DisallowConcurrentExecution
public class StaleTrendsJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(StaleTrendsJob.class);

    private final ScoringMaintenance maintenance;

    public StaleTrendsJob(ScoringMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            // Each with its time: on a node that also serves calls, a long refresh is work beside the calls', and
            // the operator (and the benchmark's report) can tell when it ran and for how long.
            long t0 = System.nanoTime();
            int refreshed = maintenance.refreshStaleExceptLarge();
            long t1 = System.nanoTime();
            if (refreshed > 0) {
                log.info("Trend snapshots of {} past periods taken again after late changes, in {} ms", refreshed,
                        (t1 - t0) / 1_000_000);
            }
            int leagues = maintenance.refreshLeagues();
            if (leagues > 0) {
                log.info("League tables kept ready computed again after changes: {}, in {} ms", leagues,
                        (System.nanoTime() - t1) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.error("Refreshing stale trend snapshots failed; the marks stay for the next run", e);
            throw new JobExecutionException(e);
        }
    }
}
