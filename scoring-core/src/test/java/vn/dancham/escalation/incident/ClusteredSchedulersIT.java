package vn.dancham.escalation.incident;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.listeners.JobListenerSupport;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.escalation.incident.Harness.HEAD;
import static vn.dancham.escalation.incident.Harness.T0;
import static vn.dancham.escalation.incident.Harness.VICE;

/**
 * Two Quartz schedulers clustered on one PostgreSQL (JDBC job store) run the escalation jobs; one is stopped in
 * the middle of an escalation and the other carries it on, with no SMS lost or sent twice.
 */
class ClusteredSchedulersIT {

    static final EscalationProperties FAST = new EscalationProperties(true, ZoneId.of("Asia/Ho_Chi_Minh"),
            "http://localhost:8080", Duration.ofMillis(200), Duration.ofMillis(200), 7, Severity.URGENT, 3, false,
            Duration.ofSeconds(60), 20, Duration.ofMinutes(2), 40, Duration.ofSeconds(5), Duration.ofMinutes(2), 50,
            3, EscalationProperties.SmsReplies.ROSTER, java.time.Duration.ofSeconds(5));

    final Harness.RecordingGateway gateway = new Harness.RecordingGateway();
    final Harness h = new Harness(gateway, FAST, Harness.twilio(null)).withDayRoster();
    final List<String> runs = new CopyOnWriteArrayList<>();
    Scheduler nodeA;
    Scheduler nodeB;

    @AfterEach
    void tearDown() throws Exception {
        for (Scheduler s : new Scheduler[] {nodeA, nodeB}) {
            if (s != null && !s.isShutdown()) {
                s.shutdown(true);
            }
        }
        h.close();
    }

    Scheduler node(String id) throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "dancham");
        p.setProperty("org.quartz.scheduler.instanceId", id);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        // Quartz keeps data sources in a JVM-wide registry by name: each node needs its own, or stopping one node
        // would close the other's pool.
        String ds = "db-" + id;
        p.setProperty("org.quartz.jobStore.dataSource", ds);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        p.setProperty("org.quartz.dataSource." + ds + ".provider", "hikaricp");
        p.setProperty("org.quartz.dataSource." + ds + ".driver", "org.postgresql.Driver");
        p.setProperty("org.quartz.dataSource." + ds + ".URL", h.db.jdbcUrl());
        p.setProperty("org.quartz.dataSource." + ds + ".user", h.db.dataSource().getUsername());
        p.setProperty("org.quartz.dataSource." + ds + ".password", "");
        // Quartz needs a connection per worker thread plus the scheduler, misfire and cluster threads.
        p.setProperty("org.quartz.dataSource." + ds + ".maxConnections", "8");
        Scheduler s = new StdSchedulerFactory(p).getScheduler();
        // Both nodes live in this JVM: Quartz would hand out the first one again for the same scheduler name.
        SchedulerRepository.getInstance().remove("dancham");
        s.setJobFactory((bundle, scheduler) -> {
            Class<?> type = bundle.getJobDetail().getJobClass();
            if (type == EscalationJobs.TickJob.class) {
                return new EscalationJobs.TickJob(h.escalator);
            }
            if (type == EscalationJobs.DispatchJob.class) {
                return new EscalationJobs.DispatchJob(h.dispatcher);
            }
            return new EscalationJobs.DigestJob(h.digest);
        });
        s.getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return "runs-" + id;
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
                runs.add(id + ":" + context.getJobDetail().getKey().getName());
            }
        });
        for (EscalationJobs.Scheduled job : EscalationJobs.all(FAST)) {
            if (!s.checkExists(job.job().getKey())) {
                s.scheduleJob(job.job(), java.util.Set.of(job.trigger()), true);
            }
        }
        return s;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        // A generous limit only against hanging forever; nothing here measures time.
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("Never happened: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void whenOneNodeStopsMidEscalationTheOtherCarriesOn() throws Exception {
        nodeA = node("node-a");
        nodeB = node("node-b");
        // Node A alone starts the escalation, so that what node B does later is work handed over by the shared
        // JDBC store (which node of two fires a trigger is Quartz's choice, not a guarantee this test could use).
        nodeA.start();
        h.opening.on(new HarassmentReported(1, null, null, "2026001234", h.org.oneStopOffice(), h.org.officer(),
                "0905123456", T0));
        await("the office head's SMS", () -> gateway.to().contains(HEAD));
        assertThat(runs).isNotEmpty().allMatch(r -> r.startsWith("node-a:"));

        nodeB.start();
        nodeA.shutdown(true);
        int runsBefore = runs.size();
        h.clock.advance(Duration.ofMinutes(5));

        await("the vice-chair's SMS", () -> gateway.to().contains(VICE));
        assertThat(gateway.to()).containsExactly(HEAD, VICE);
        // A snapshot first: node B keeps running jobs while the assertion reads, and a live sub-list of the
        // copy-on-write list fails on the next one (ConcurrentModificationException).
        List<String> all = List.copyOf(runs);
        assertThat(all.subList(runsBefore, all.size())).isNotEmpty().allMatch(r -> r.startsWith("node-b:"));
    }
}
