package vn.dancham.escalation.incident;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.sms.OutboxDispatcher;

import java.util.List;
import java.util.TimeZone;

/**
 * The three Quartz jobs of escalation. They are stateless and carry no data: everything is read from the
 * database (incident.next_step_at, the outbox), so whichever node of the cluster fires them does the same work,
 * and a node that dies leaves nothing behind but rows another node picks up. {@code @DisallowConcurrentExecution}
 * keeps one run of each at a time across the cluster (JDBC job store); the row locks (SKIP LOCKED) would make
 * overlapping runs safe anyway.
 */
public final class EscalationJobs {

    public static final String GROUP = "escalation";

    private EscalationJobs() {
    }

    /** Job details with their triggers, for Spring's SchedulerFactoryBean or a scheduler set up by hand. */
    public record Scheduled(JobDetail job, Trigger trigger) {
    }

    public static List<Scheduled> all(EscalationProperties settings) {
        JobDetail tick = JobBuilder.newJob(TickJob.class).withIdentity("escalation-tick", GROUP).storeDurably()
                .withDescription("Escalates incidents whose wait is over").build();
        JobDetail dispatch = JobBuilder.newJob(DispatchJob.class).withIdentity("sms-dispatch", GROUP)
                .storeDurably().withDescription("Sends the SMS outbox").build();
        JobDetail digest = JobBuilder.newJob(DigestJob.class).withIdentity("daily-digest", GROUP).storeDurably()
                .withDescription("Daily digest of LOW concerns").build();
        return List.of(
                new Scheduled(tick, TriggerBuilder.newTrigger().forJob(tick).withIdentity("escalation-tick", GROUP)
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(settings.tickInterval().toMillis()).repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build()),
                new Scheduled(dispatch, TriggerBuilder.newTrigger().forJob(dispatch)
                        .withIdentity("sms-dispatch", GROUP)
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(settings.dispatchInterval().toMillis()).repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build()),
                new Scheduled(digest, TriggerBuilder.newTrigger().forJob(digest).withIdentity("daily-digest", GROUP)
                        .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(settings.digestHour(), 0)
                                .inTimeZone(TimeZone.getTimeZone(settings.zone()))
                                .withMisfireHandlingInstructionFireAndProceed())
                        .build()));
    }

    @DisallowConcurrentExecution
    public static final class TickJob implements Job {
        private final Escalator escalator;

        public TickJob(Escalator escalator) {
            this.escalator = escalator;
        }

        @Override
        public void execute(JobExecutionContext context) {
            escalator.advanceDue();
        }
    }

    @DisallowConcurrentExecution
    public static final class DispatchJob implements Job {
        private final OutboxDispatcher dispatcher;

        public DispatchJob(OutboxDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Override
        public void execute(JobExecutionContext context) {
            dispatcher.dispatchDue();
        }
    }

    @DisallowConcurrentExecution
    public static final class DigestJob implements Job {
        private final DailyDigest digest;

        public DigestJob(DailyDigest digest) {
            this.digest = digest;
        }

        @Override
        public void execute(JobExecutionContext context) {
            digest.run();
        }
    }
}
