package vn.dancham.responsiveness.internal;

import org.jooq.DSLContext;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancham.responsiveness.ResponsivenessProperties;

import java.time.Clock;
import java.util.TimeZone;

/** The responsiveness figures and the weekly check (Monday at {@code check-hour} in {@code zone}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResponsivenessProperties.class)
class ResponsivenessConfiguration {

    @Bean
    JooqHotlineResponsiveness hotlineResponsiveness(DSLContext dsl, ApplicationEventPublisher events,
                                                    ResponsivenessProperties properties, ObjectProvider<Clock> clock) {
        return new JooqHotlineResponsiveness(dsl, events, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    JobDetail weeklyResponsivenessJobDetail() {
        return JobBuilder.newJob(WeeklyResponsivenessJob.class)
                .withIdentity("weekly-responsiveness", "escalation")
                .withDescription("A concern for each district whose leaders answered too few of last week's calls")
                .storeDurably()
                .requestRecovery()
                .build();
    }

    @Bean
    Trigger weeklyResponsivenessTrigger(JobDetail weeklyResponsivenessJobDetail, ResponsivenessProperties properties) {
        return TriggerBuilder.newTrigger()
                .forJob(weeklyResponsivenessJobDetail)
                .withIdentity("weekly-responsiveness", "escalation")
                .withSchedule(CronScheduleBuilder.cronSchedule("0 0 " + properties.checkHour() + " ? * MON")
                        .inTimeZone(TimeZone.getTimeZone(properties.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
