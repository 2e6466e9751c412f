package vn.dancham.admin.feedback;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.feedback.FeedbackProperties;

import java.util.TimeZone;

/** Registers {@link FeedbackAlertJob} with the application's clustered Quartz scheduler. */
@Configuration(proxyBeanMethods = false)
class FeedbackAlertSchedule {

    static final String NAME = "feedback-alert";
    static final String GROUP = "complaints";

    @Bean
    JobDetail feedbackAlertJobDetail() {
        return JobBuilder.newJob(FeedbackAlertJob.class)
                .withIdentity(NAME, GROUP)
                .withDescription("Daily reminder of web feedback not yet reviewed by a complaint handler")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger feedbackAlertTrigger(JobDetail feedbackAlertJobDetail, FeedbackProperties properties, WebProperties web) {
        return TriggerBuilder.newTrigger()
                .forJob(feedbackAlertJobDetail)
                .withIdentity(NAME, GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.alertCron())
                        .inTimeZone(TimeZone.getTimeZone(web.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
