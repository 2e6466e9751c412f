package vn.dancham.admin.complaints;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancham.admin.web.WebProperties;

import java.util.TimeZone;

/** Registers {@link RecordingRetentionJob} with the application's clustered Quartz scheduler. */
@Configuration(proxyBeanMethods = false)
class RecordingRetentionSchedule {

    static final String NAME = "recording-retention";
    static final String GROUP = "complaints";

    @Bean
    JobDetail recordingRetentionJobDetail() {
        return JobBuilder.newJob(RecordingRetentionJob.class)
                .withIdentity(NAME, GROUP)
                .withDescription("Deletes complaint recordings older than dancham.web.recording-retention")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger recordingRetentionTrigger(JobDetail recordingRetentionJobDetail, WebProperties properties) {
        return TriggerBuilder.newTrigger()
                .forJob(recordingRetentionJobDetail)
                .withIdentity(NAME, GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.recordingRetentionCron())
                        .inTimeZone(TimeZone.getTimeZone(properties.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
