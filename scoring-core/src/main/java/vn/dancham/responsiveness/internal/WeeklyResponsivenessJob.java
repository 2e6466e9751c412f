package vn.dancham.responsiveness.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.responsiveness.HotlineResponsiveness;

/**
 * Every Monday morning: did each district's leaders answer enough of last week's calls? Clustered Quartz runs it
 * on one node; a run repeated (recovery, by hand) raises nothing twice.
 */
@DisallowConcurrentExecution
public class WeeklyResponsivenessJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(WeeklyResponsivenessJob.class);

    private final HotlineResponsiveness responsiveness;

    public WeeklyResponsivenessJob(HotlineResponsiveness responsiveness) {
        this.responsiveness = responsiveness;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            int raised = responsiveness.checkLastWeek().size();
            log.info("Leaders' responsiveness checked for last week: {} concern(s) raised", raised);
        } catch (RuntimeException e) {
            log.error("Leaders' responsiveness check failed; it runs again next week or can be started by hand", e);
            throw new JobExecutionException(e);
        }
    }
}
