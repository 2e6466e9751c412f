package vn.dancham.admin.feedback;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.feedback.WebFeedbacks;

import java.time.Clock;
import java.time.Instant;

/**
 * The daily "not yet reviewed" reminder for complaint handlers: counts web feedback no handler has read and keeps
 * it as the day's reminder, shown at the top of the complaints inbox until the count is down to zero. In the app,
 * not by SMS: handlers work in the inbox and need not have a phone on file (the demo handler has none). Public for
 * Quartz, stateless like the other jobs; a second run on the same day (another node, a misfire) keeps the first.
 */
@DisallowConcurrentExecution
public class FeedbackAlertJob implements Job {

    private final WebFeedbacks feedbacks;
    private final WebProperties web;
    private final Clock clock;

    FeedbackAlertJob(WebFeedbacks feedbacks, WebProperties web, ObjectProvider<Clock> clock) {
        this.feedbacks = feedbacks;
        this.web = web;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public void execute(JobExecutionContext context) {
        Instant now = clock.instant();
        feedbacks.remind(now.atZone(web.zone()).toLocalDate(), now);
    }
}
