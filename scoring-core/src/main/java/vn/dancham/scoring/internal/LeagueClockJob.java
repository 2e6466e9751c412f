package vn.dancham.scoring.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.scoring.ScoringMaintenance;

/**
 * Marks the league tables whose figures moved with time alone ({@link ScoringMaintenance#markTimePassed}): an
 * indexed read of the stages whose due time passed in the last minute and one UPDATE of the headers concerned, so
 * that a page computes such a table at its next view, and serves the others as stored whatever their age. Its own
 * job, every minute, apart from the five-minute refresh: that one can take many minutes at the country size, and
 * marks must not wait for it. Quartz (clustered) runs it on one node at a time.
 */
@DisallowConcurrentExecution
public class LeagueClockJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(LeagueClockJob.class);

    private final ScoringMaintenance maintenance;

    public LeagueClockJob(ScoringMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            int stages = maintenance.markTimePassed();
            if (stages > 0) {
                log.debug("League tables of {} stages that passed their due time marked", stages);
            }
        } catch (RuntimeException e) {
            // The next run starts where this one would have: nothing is lost, pages meanwhile bound by the hour.
            log.warn("Marking the league tables that time alone moved failed; the next run covers the gap: {}",
                    e.toString());
            throw new JobExecutionException(e);
        }
    }
}
