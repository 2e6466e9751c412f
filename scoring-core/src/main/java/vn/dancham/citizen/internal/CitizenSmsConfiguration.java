package vn.dancham.citizen.internal;

import org.jooq.DSLContext;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancham.citizen.CitizenMessages;
import vn.dancham.citizen.CitizenSms;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.CitizenTemplates;
import vn.dancham.dossier.Dossiers;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.rating.Ratings;

import java.time.Clock;

/** Wires the citizen SMS: templates, the sweep and its Quartz job, the inbound handler, the web's reads. */
@Configuration(proxyBeanMethods = false)
class CitizenSmsConfiguration {

    @Bean
    CitizenTemplates citizenTemplates(DSLContext dsl, CitizenProperties properties, EscalationProperties escalation,
                                      Ratings ratings, ObjectProvider<Clock> clock) {
        return new JooqCitizenTemplates(dsl, properties.sms(), escalation, ratings, clock.getIfAvailable(Clock::systemUTC));
    }

    /** One object for both roles: the sweep, and the escalation webhook's handler of citizens' SMS. */
    @Bean
    JooqCitizenSms citizenSms(DSLContext dsl, CitizenProperties properties, EscalationProperties escalation,
                              CitizenTemplates templates, Outbox outbox, Ratings ratings, Dossiers dossiers) {
        return new JooqCitizenSms(dsl, properties.sms(), escalation, templates, outbox, ratings, dossiers);
    }

    @Bean
    CitizenMessages citizenMessages(DSLContext dsl, Dossiers dossiers, EscalationProperties escalation) {
        return new JooqCitizenMessages(dsl, dossiers, escalation);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "dancham.citizen.sms", name = "scheduler-enabled", havingValue = "true",
            matchIfMissing = true)
    static class Jobs {

        @Bean
        JobDetail citizenSweepJob() {
            return JobBuilder.newJob(SweepJob.class).withIdentity("citizen-sweep", "citizen").storeDurably()
                    .withDescription("Apologies for late dossiers and invitations to rate returned ones").build();
        }

        @Bean
        Trigger citizenSweepTrigger(CitizenProperties properties) {
            return TriggerBuilder.newTrigger().forJob(org.quartz.JobKey.jobKey("citizen-sweep", "citizen")).withIdentity("citizen-sweep", "citizen")
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(properties.sms().sweepInterval().toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
        }
    }

    /** Stateless: everything is read from the database, so any node of the cluster may run it. */
    @DisallowConcurrentExecution
    public static final class SweepJob implements Job {
        private final CitizenSms sms;
        private final Clock clock;

        public SweepJob(CitizenSms sms, ObjectProvider<Clock> clock) {
            this.sms = sms;
            this.clock = clock.getIfAvailable(Clock::systemUTC);
        }

        @Override
        public void execute(JobExecutionContext context) {
            sms.sweep(clock.instant());
        }
    }
}
