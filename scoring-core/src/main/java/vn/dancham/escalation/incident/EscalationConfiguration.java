package vn.dancham.escalation.incident;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.jooq.DSLContext;
import org.quartz.JobDetail;
import org.slf4j.LoggerFactory;
import org.quartz.Trigger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancham.escalation.AlertTemplates;
import vn.dancham.escalation.sms.CitizenSmsHandler;
import vn.dancham.escalation.DutyRoster;
import vn.dancham.escalation.EscalationPolicies;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.Incidents;
import vn.dancham.escalation.SmsWebhooks;
import vn.dancham.escalation.TwilioProperties;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.escalation.sms.OutboxDispatcher;
import vn.dancham.escalation.sms.SmsGateway;
import vn.dancham.escalation.sms.SmsGateways;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** Wires escalation: incidents from events, the escalation engine, the SMS outbox and its Quartz jobs. */
@Configuration(proxyBeanMethods = false)
class EscalationConfiguration {

    /** A Clock bean from elsewhere (tests) wins; otherwise real UTC time. */
    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    IncidentStore incidentStore() {
        return new IncidentStore();
    }

    @Bean
    EscalationPolicies escalationPolicies(DSLContext dsl, IncidentStore store) {
        return new JooqEscalationPolicies(dsl, store);
    }

    @Bean
    IncidentTexts incidentTexts(EscalationProperties settings, TwilioProperties twilio) {
        String linkBase = settings.linkBase(twilio);
        twilio.localPublicUrlWarning(linkBase).ifPresent(warning -> LoggerFactory.getLogger(
                EscalationConfiguration.class).warn(warning));
        return new IncidentTexts(settings, linkBase);
    }

    @Bean
    AlertTemplates alertTemplates(IncidentTexts texts) {
        return new TemplateSamples(texts);
    }

    @Bean
    MeterBinder escalationMetrics(DSLContext dsl) {
        return new EscalationMetrics(dsl);
    }

    @Bean
    Outbox smsOutbox() {
        return new Outbox();
    }

    @Bean
    SmsGateway smsGateway(TwilioProperties twilio) {
        return SmsGateways.create(twilio);
    }

    @Bean
    Escalator escalator(DSLContext dsl, IncidentStore store, DutyRoster roster, Outbox outbox, IncidentTexts texts,
                        ObjectProvider<Clock> clock) {
        return new Escalator(dsl, store, roster, outbox, texts, clock(clock));
    }

    @Bean
    OutboxDispatcher outboxDispatcher(DSLContext dsl, SmsGateway gateway, EscalationProperties settings,
                                      TwilioProperties twilio, Escalator escalator, ObjectProvider<Clock> clock) {
        return new OutboxDispatcher(dsl, gateway, clock(clock), settings, twilio, escalator);
    }

    /**
     * A stopping node drains the outbox for {@code stop-drain} and then hands no more SMS to the provider after the one
     * in hand ({@link OutboxDispatcher#stop(java.time.Duration)}), so Quartz's and the nudge's waits on shutdown are
     * bounded. It stops after the hotline and the background writers (a lower phase stops later): the SMS of the last
     * calls and of the reports opened while stopping are in the outbox by then, and leave within the drain when the
     * provider answers.
     */
    @Bean
    org.springframework.context.SmartLifecycle smsDispatchStop(OutboxDispatcher dispatcher,
                                                               EscalationProperties settings, TwilioProperties twilio) {
        return new org.springframework.context.SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                // Also after a stop: a context may be stopped and started again (Spring's test framework pauses
                // cached contexts so), and a dispatcher left stopped would never send an SMS again.
                dispatcher.start();
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                // On a thread of its own, waited for at most the drain and one message (a lookup and a send, and a
                // moment to write the answer down, as the nudge's): a database that does not answer at the stop
                // cannot hold it for the pool's connection timeout. What that round has not recorded when the
                // database closes is SENDING with its lease, asked about by the next node as after a crash.
                Duration bound = settings.stopDrain().plus(twilio.requestTimeout().multipliedBy(2)).plusSeconds(5);
                java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
                Thread drain = Thread.ofPlatform().name("sms-drain").daemon().start(() -> {
                    try {
                        sent.set(dispatcher.stop(settings.stopDrain()));
                    } catch (RuntimeException e) {
                        LoggerFactory.getLogger(OutboxDispatcher.class).warn("SMS not drained at the stop: {}",
                                e.toString());
                    }
                });
                try {
                    if (!drain.join(bound)) {
                        LoggerFactory.getLogger(OutboxDispatcher.class).warn("The SMS drain did not end within {}; "
                                + "the stop goes on", bound);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (sent.get() > 0) {
                    LoggerFactory.getLogger(OutboxDispatcher.class).info("{} SMS handed to the provider while this "
                            + "node stopped", sent.get());
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return vn.dancham.db.BackgroundLoop.PHASE - 1;
            }
        };
    }

    @Bean
    Nudge smsNudge(OutboxDispatcher dispatcher, Outbox outbox, TwilioProperties twilio) {
        // A lookup and a send, each bounded by the request timeout, and a moment to write the result down.
        Nudge nudge = new Nudge(dispatcher, twilio.requestTimeout().multipliedBy(2).plusSeconds(5));
        outbox.onCommit(nudge);
        return nudge;
    }

    @Bean
    IncidentOpening incidentOpening(DSLContext dsl, IncidentStore store, Escalator escalator, IncidentTexts texts,
                                    EscalationProperties settings, ObjectProvider<Clock> clock) {
        return new IncidentOpening(dsl, store, escalator, texts, settings, clock(clock));
    }

    @Bean
    IncidentWithdrawal incidentWithdrawal(DSLContext dsl, IncidentStore store, Outbox outbox, IncidentTexts texts,
                                          ObjectProvider<Clock> clock) {
        return new IncidentWithdrawal(dsl, store, outbox, texts, clock(clock));
    }

    @Bean
    Incidents incidents(DSLContext dsl, IncidentStore store, Outbox outbox, SmsGateway gateway,
                        ObjectProvider<Clock> clock) {
        return new JooqIncidents(dsl, store, outbox, clock(clock), !gateway.real());
    }

    @Bean
    SmsWebhooks smsWebhooks(DSLContext dsl, IncidentStore store, Outbox outbox, Escalator escalator,
                            IncidentTexts texts, EscalationProperties settings, ObjectProvider<Clock> clock,
                            ObjectProvider<CitizenSmsHandler> citizens) {
        return new WebhookHandling(dsl, store, outbox, escalator, texts, settings, clock(clock),
                citizens.getIfAvailable());
    }

    @Bean
    DailyDigest dailyDigest(DSLContext dsl, IncidentStore store, DutyRoster roster, Outbox outbox,
                            IncidentTexts texts, EscalationProperties settings, ObjectProvider<Clock> clock) {
        return new DailyDigest(dsl, store, roster, outbox, texts, clock(clock), settings.zone());
    }

    /**
     * The jobs and their triggers as beans: Spring Boot's SchedulerFactoryBean registers every JobDetail and
     * Trigger bean (replacing stored ones, so changed intervals take effect on restart).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "dancham.escalation", name = "scheduler-enabled", havingValue = "true",
            matchIfMissing = true)
    static class Jobs {

        private static EscalationJobs.Scheduled find(EscalationProperties settings, String name) {
            return EscalationJobs.all(settings).stream().filter(s -> s.job().getKey().getName().equals(name))
                    .findFirst().orElseThrow();
        }

        @Bean
        JobDetail escalationTickJob(EscalationProperties settings) {
            return find(settings, "escalation-tick").job();
        }

        @Bean
        Trigger escalationTickTrigger(EscalationProperties settings) {
            return find(settings, "escalation-tick").trigger();
        }

        @Bean
        JobDetail smsDispatchJob(EscalationProperties settings) {
            return find(settings, "sms-dispatch").job();
        }

        @Bean
        Trigger smsDispatchTrigger(EscalationProperties settings) {
            return find(settings, "sms-dispatch").trigger();
        }

        @Bean
        JobDetail dailyDigestJob(EscalationProperties settings) {
            return find(settings, "daily-digest").job();
        }

        @Bean
        Trigger dailyDigestTrigger(EscalationProperties settings) {
            return find(settings, "daily-digest").trigger();
        }
    }

    /**
     * Sends new SMS right after the transaction that wrote them commits, on this node, instead of waiting for the
     * next dispatch job (a few seconds). Coalescing: one run at a time, one more queued at most.
     */
    static final class Nudge implements Runnable, AutoCloseable {
        private final OutboxDispatcher dispatcher;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofVirtual()
                .name("sms-nudge").factory());
        private final AtomicBoolean queued = new AtomicBoolean();
        private final java.time.Duration finishing;

        Nudge(OutboxDispatcher dispatcher, java.time.Duration finishing) {
            this.dispatcher = dispatcher;
            this.finishing = finishing;
        }

        @Override
        public void run() {
            if (queued.compareAndSet(false, true)) {
                executor.execute(() -> {
                    queued.set(false);
                    try {
                        dispatcher.dispatchDue();
                    } catch (RuntimeException e) {
                        // The dispatch job retries; nothing is lost.
                        org.slf4j.LoggerFactory.getLogger(Nudge.class).warn("Immediate SMS dispatch failed", e);
                    }
                });
            }
        }

        /**
         * Lets the round under way finish the message in hand (the dispatcher was told to stop before this, so it
         * takes no other) and write down Twilio's answer while the database is still there: cut off, that message
         * would stay in doubt until its lease ends, minutes later, before anyone could send or confirm it.
         */
        @Override
        public void close() {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(finishing.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
