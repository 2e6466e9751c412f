package vn.dancham.escalation.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jooq.DSLContext;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.sms.SmsMetrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.jooq.impl.DSL.count;
import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * Gauges read from the database, so every node of a cluster reports the same shared state: SMS in the outbox by
 * state, and incidents still open (not acknowledged or resolved) by severity. One grouped query per family serves
 * all its gauges and is reused for a few seconds, so a scrape costs two small queries whatever the number of series.
 */
final class EscalationMetrics implements MeterBinder {

    /** The outbox's states (sms_message.state): a fixed set, so the series never multiply. */
    static final String[] SMS_STATES = {"PENDING", "SENDING", "SENT", "DELIVERED", "FAILED", "UNDELIVERED", "SIMULATED"};
    private static final Duration REUSE = Duration.ofSeconds(5);

    private final Snapshot sms;
    private final Snapshot incidents;

    EscalationMetrics(DSLContext dsl) {
        this.sms = new Snapshot(() -> dsl.select(SMS_MESSAGE.STATE, count()).from(SMS_MESSAGE)
                .groupBy(SMS_MESSAGE.STATE).fetchMap(r -> r.value1(), r -> r.value2().longValue()));
        this.incidents = new Snapshot(() -> dsl.select(INCIDENT.SEVERITY, count()).from(INCIDENT)
                .where(INCIDENT.STATE.in(IncidentState.OPEN.name(), IncidentState.NOTIFIED.name(),
                        IncidentState.UNACKNOWLEDGED.name()))
                .groupBy(INCIDENT.SEVERITY).fetchMap(r -> r.value1(), r -> r.value2().longValue()));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        SmsMetrics.registerKnown(registry);
        for (String state : SMS_STATES) {
            Gauge.builder("dancham.sms.outbox.messages", sms, s -> s.get(state))
                    .description("SMS in the outbox, by state (all nodes: read from the database)")
                    .tag("state", state)
                    .register(registry);
        }
        for (Severity severity : Severity.values()) {
            Gauge.builder("dancham.incidents.open", incidents, s -> s.get(severity.name()))
                    .description("Incidents not yet acknowledged or resolved, by severity")
                    .tag("severity", severity.name())
                    .register(registry);
        }
    }

    /** Counts by key from one query, reused for {@link #REUSE}; NaN while the database cannot answer. */
    private static final class Snapshot {
        private final Supplier<Map<String, Long>> query;
        private volatile Map<String, Long> counts = Map.of();
        private volatile long readAt;
        private volatile boolean failed;

        Snapshot(Supplier<Map<String, Long>> query) {
            this.query = query;
        }

        double get(String key) {
            long now = System.nanoTime();
            if (readAt == 0 || now - readAt > REUSE.toNanos()) {
                synchronized (this) {
                    if (readAt == 0 || now - readAt > REUSE.toNanos()) {
                        try {
                            counts = new ConcurrentHashMap<>(query.get());
                            failed = false;
                        } catch (RuntimeException e) {
                            // A scrape during a database outage shows a gap, not a stale or zero count.
                            failed = true;
                        }
                        readAt = System.nanoTime();
                    }
                }
            }
            return failed ? Double.NaN : counts.getOrDefault(key, 0L);
        }
    }
}
