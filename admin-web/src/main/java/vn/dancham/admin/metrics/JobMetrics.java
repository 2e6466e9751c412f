package vn.dancham.admin.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * How long each scheduled job takes (nightly scores, escalation tick, SMS dispatch, digest, recording retention),
 * timed by one Quartz listener for every job rather than by each job: {@code dancham.jobs{job, outcome}}. The job
 * names are the scheduler's own fixed identities, so the series stay few.
 */
@Configuration
class JobMetrics {

    @Bean
    SchedulerFactoryBeanCustomizer jobTimer(ObjectProvider<MeterRegistry> registry) {
        return factory -> factory.setGlobalJobListeners(new JobListenerSupport() {
            @Override
            public String getName() {
                return "dancham-job-metrics";
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
                MeterRegistry meters = registry.getIfAvailable();
                if (meters == null) {
                    return;
                }
                Timer.builder("dancham.jobs")
                        .description("Duration of each scheduled job run (nightly-scoring is the scores job)")
                        .tag("job", context.getJobDetail().getKey().getName())
                        .tag("outcome", failure == null ? "done" : "failed")
                        .register(meters)
                        .record(context.getJobRunTime(), TimeUnit.MILLISECONDS);
            }
        });
    }
}
