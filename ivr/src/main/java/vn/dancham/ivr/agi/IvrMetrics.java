package vn.dancham.ivr.agi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import vn.dancham.complaint.ReportIncidents;
import vn.dancham.ivr.hotline.HotlineFlow;
import vn.dancham.ivr.journal.AnswerJournal;
import vn.dancham.rating.RatingWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hotline's metrics (the README's "Metrics" lists them). Per-call meters live in Micrometer's global registry so
 * the FastAGI classes, also run without Spring in tests and the bench, need no registry passed through them;
 * Spring Boot adds its Prometheus registry to that global one ({@code management.metrics.use-global-registry},
 * on by default). The journal's gauges are bound to the application's registry as a {@link MeterBinder} bean.
 * Every tag has a small, fixed set of values: an outcome, {@code test} true/false.
 */
final class IvrMetrics implements MeterBinder {

    /** Calls being served now, on this node. */
    static final AtomicInteger CALLS_IN_PROGRESS = new AtomicInteger();

    static {
        Gauge.builder("dancham.calls.in.progress", CALLS_IN_PROGRESS, AtomicInteger::get)
                .description("Hotline calls being served now on this node")
                .register(Metrics.globalRegistry);
    }

    /**
     * Our turnaround: from Asterisk's reply to one AGI command to our next command on the same call — the time a
     * caller waits on us, database writes included. The buckets span 0.1 ms to 10 s so p99 at a few milliseconds is
     * readable in Prometheus.
     */
    static final Timer TURNAROUND = Timer.builder("dancham.agi.turnaround")
            .description("Time from an AGI reply to the next AGI command on the same call")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(Metrics.globalRegistry);

    /**
     * The counter of one outcome, made once: building and registering it on every call made a meter id, its tags
     * and a registry lookup per call (issue 16).
     */
    private static final ConcurrentHashMap<String, Counter> CALLS = new ConcurrentHashMap<>();

    static void callEnded(String outcome, boolean test) {
        CALLS.computeIfAbsent(outcome + (test ? "/test" : "/real"), k -> Counter.builder("dancham.calls")
                .description("Hotline calls ended, by outcome")
                .tag("outcome", outcome)
                .tag("test", Boolean.toString(test))
                .register(Metrics.globalRegistry)).increment();
    }

    private final AnswerJournal journal;
    private final HotlineFlow flow;
    private final RatingWriter writer;

    private final ReportIncidents reportIncidents;

    /**
     * @param writer          the answer pipeline's writer, null where none runs (a node without the scoring core's
     *                        beans)
     * @param reportIncidents the harassment reports' incident opener, null likewise
     */
    IvrMetrics(AnswerJournal journal, HotlineFlow flow, RatingWriter writer, ReportIncidents reportIncidents) {
        this.journal = journal;
        this.flow = flow;
        this.writer = writer;
        this.reportIncidents = reportIncidents;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("dancham.journal.pending", journal, AnswerJournal::pending)
                .description("Answers kept in the journal and not yet in the database")
                .register(registry);
        Gauge.builder("dancham.journal.rejected", journal, AnswerJournal::rejected)
                .description("Journal entries the database refused, set aside for a person")
                .register(registry);
        Gauge.builder("dancham.journal.replay.lag", journal, IvrMetrics::replayLagSeconds)
                .description("Age of the oldest journal entry still waiting for the database, 0 when none")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("dancham.database.down", flow, f -> f.databaseDown() ? 1 : 0)
                .description("1 while the hotline takes the database to be down and keeps answers in the journal")
                .register(registry);
        if (writer != null) {
            // The answer pipeline (docs/reliability.md): answers kept in the inbox and not yet applied by the
            // writer, and those it set aside. Read from the database: the same on every node.
            Gauge.builder("dancham.answers.inbox.waiting", writer, w -> orNaN(w::waiting))
                    .description("Answers kept in the inbox, not yet applied by the writer (all nodes)")
                    .register(registry);
            Gauge.builder("dancham.answers.inbox.set.aside", writer, w -> orNaN(w::setAside))
                    .description("Answers the writer could not apply and kept aside for a person (all nodes)")
                    .register(registry);
        }
        if (reportIncidents != null) {
            // A harassment report's incident (and the leader's SMS) is opened just after the report: a few waiting
            // for milliseconds is normal, a number that stays is not (docs/reliability.md).
            Gauge.builder("dancham.harassment.incidents.waiting", reportIncidents, r -> orNaN(r::waiting))
                    .description("Harassment reports stored whose incident is not opened yet (all nodes)")
                    .register(registry);
            Gauge.builder("dancham.harassment.incidents.set.aside", reportIncidents, r -> orNaN(r::setAside))
                    .description("Harassment reports whose incident could not be opened, kept aside for a person")
                    .register(registry);
        }
    }

    /** A gap in the graph while the database cannot answer, not a stale or zero count. */
    private static double orNaN(java.util.function.IntSupplier count) {
        try {
            return count.getAsInt();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double replayLagSeconds(AnswerJournal journal) {
        Instant oldest = journal.oldestPendingSince();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }
}
