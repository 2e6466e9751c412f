package vn.dancham.escalation.incident;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.escalation.DutyContact;
import vn.dancham.escalation.DutyRoster;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.sms.DeliveryEvents;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.text.StoredText;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * Executes the escalation policy against the database: one step per incident whose wait is over, each in its own
 * short transaction with the incident row locked (SKIP LOCKED, so nodes share the work), SMS written to the outbox
 * in that same transaction. Stateless: everything it needs is in the incident row and the roster.
 */
final class Escalator implements DeliveryEvents {

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final DSLContext dsl;
    private final IncidentStore store;
    private final DutyRoster roster;
    private final Outbox outbox;
    private final IncidentTexts texts;
    private final Clock clock;

    Escalator(DSLContext dsl, IncidentStore store, DutyRoster roster, Outbox outbox, IncidentTexts texts,
              Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.roster = roster;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
    }

    /** The first step of a new incident, in the transaction that opened it. */
    void firstStep(DSLContext t, IncidentSummary incident, Instant now) {
        EscalationPolicy policy = store.policy(t, incident.severity());
        if (policy.dailyDigest()) {
            store.event(t, incident.id(), now, "DIGEST_QUEUED", null, StoredText.of("incident.event.DIGEST_QUEUED"));
            return;
        }
        apply(t, incident, policy, EscalationPolicy.Progress.START, now);
    }

    /** Steps every incident whose wait is over; returns how many were stepped. */
    int advanceDue() {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            // One incident per transaction: a failure (or a slow roster) holds back only that one.
            Integer stepped = dsl.transactionResult(tx -> {
                List<IncidentSummary> due = store.lockDue(tx.dsl(), now, 1);
                if (due.isEmpty()) {
                    return 0;
                }
                IncidentSummary i = due.getFirst();
                EscalationPolicy policy = store.policy(tx.dsl(), i.severity());
                if (policy.dailyDigest()) {
                    store.stopEscalating(tx.dsl(), i.id());
                } else {
                    apply(tx.dsl(), i, policy, new EscalationPolicy.Progress(i.level(), i.round(), true), now);
                }
                return 1;
            });
            if (stepped == 0) {
                return total;
            }
            total += stepped;
        }
    }

    /**
     * An escalation step for Prometheus, by kind and level (a handful of levels, three severities). Counted when the
     * step is decided, inside its transaction: a step whose transaction is rolled back and retried counts twice,
     * which the graph tolerates and the alternative (a hook per commit) would not be worth.
     */
    private static void step(String kind, int level, Severity severity) {
        Counter.builder("dancham.escalation.steps")
                .description("Escalation steps taken, by kind and duty level")
                .tag("step", kind)
                .tag("level", Integer.toString(level))
                .tag("severity", severity == null ? "none" : severity.name())
                .register(Metrics.globalRegistry)
                .increment();
    }

    private void apply(DSLContext t, IncidentSummary i, EscalationPolicy policy, EscalationPolicy.Progress p,
                       Instant now) {
        List<DutyContact> onDuty = i.officeId() != null ? roster.onDuty(i.officeId(), now)
                : roster.onDutyForUnit(i.adminUnitId(), now);
        TreeSet<Integer> levels = onDuty.stream().map(DutyContact::level)
                .collect(Collectors.toCollection(TreeSet::new));
        switch (policy.next(p, levels, now)) {
            case EscalationPolicy.Step.Notify n -> {
                List<DutyContact> recipients = onDuty.stream().filter(c -> c.level() == n.level()).toList();
                boolean escalated = p.started();
                IncidentTexts.Alert alert = texts.alert(i, escalated);
                for (DutyContact c : recipients) {
                    // Rows written straight into duty_shift (imports, demo data) may hold national numbers.
                    String phone = PhoneNumbers.toE164(c.phone()).orElse(c.phone());
                    outbox.enqueue(t, new Outbox.Message(i.id(), phone, c.personName(), n.level(), n.round(),
                            "ALERT", alert.body(), alert.line(),
                            "alert:" + i.id() + ":" + n.round() + ":" + n.level() + ":" + phone), now);
                }
                IncidentState state = i.state() == IncidentState.OPEN || i.state() == IncidentState.NOTIFIED
                        ? IncidentState.NOTIFIED : i.state();
                step(escalated ? "escalated" : "notified", n.level(), i.severity());
                // No next step yet: its wait starts when the provider takes one of these SMS (accepted below).
                store.progress(t, i.id(), state, n.level(), n.round(), null);
                String rung = recipients.stream().map(c -> c.personName() + " ("
                        + PhoneNumbers.masked(c.phone()) + ", " + c.unitName() + ")").collect(Collectors.joining("; "));
                store.event(t, i.id(), now, escalated ? "ESCALATED" : "NOTIFIED", null, n.round() > 0
                        ? StoredText.of("incident.event.notified.round", n.level(), n.round(), rung)
                        : StoredText.of("incident.event.notified", n.level(), rung));
            }
            case EscalationPolicy.Step.NobodyOnDuty n -> {
                store.progress(t, i.id(), i.state(), 0, n.round(), n.nextStepAt());
                step("no_one_on_duty", 0, i.severity());
                store.event(t, i.id(), now, "NO_ONE_ON_DUTY", null, StoredText.of(
                        "incident.event.NO_ONE_ON_DUTY", policy.maxLevel(), policy.waitTime().toMinutes()));
            }
            case EscalationPolicy.Step.GiveUp g -> {
                store.progress(t, i.id(), IncidentState.UNACKNOWLEDGED, i.level(), i.round(), null);
                step("unacknowledged", i.level(), i.severity());
                store.event(t, i.id(), now, "UNACKNOWLEDGED", null,
                        StoredText.of("incident.event.UNACKNOWLEDGED", i.round() + 1));
                log.warn("Incident {} ({}) unacknowledged after {} rounds", i.id(), i.code(), i.round() + 1);
            }
        }
    }

    /**
     * The provider took an alert: the timeline says so, and if it is the first SMS of the incident's current step,
     * that step's wait starts now (not when the SMS was queued).
     */
    @Override
    public void accepted(DSLContext t, long messageId, String providerStatus, Instant now) {
        var m = t.selectFrom(SMS_MESSAGE).where(SMS_MESSAGE.ID.eq(messageId)).fetchOne();
        if (m == null || m.getIncidentId() == null) {
            return;
        }
        var incident = store.lock(t, m.getIncidentId()).orElse(null);
        if (incident == null) {
            return;
        }
        boolean delivered = "delivered".equalsIgnoreCase(providerStatus) || "read".equalsIgnoreCase(providerStatus);
        Object late = m.getCreatedAt().toInstant().plusSeconds(60).isBefore(now)
                ? StoredText.of("incident.event.sms.late", texts.time(m.getCreatedAt().toInstant(), now),
                m.getAttempts()) : "";
        StoredText what = "simulated".equals(providerStatus) ? StoredText.of("incident.event.sms.simulated", who(m))
                : delivered ? StoredText.of("incident.event.sms.delivered", who(m))
                : StoredText.of("incident.event.sms.accepted", who(m),
                StoredText.word("incident.smsStatus", providerStatus));
        Object due = "";
        if (m.getLevel() != null && m.getRound() != null && incident.state() == IncidentState.NOTIFIED) {
            EscalationPolicy policy = store.policy(t, incident.severity());
            var starts = policy.waitStarts(new EscalationPolicy.Progress(incident.level(), incident.round(), true),
                    incident.nextStepAt(), m.getLevel(), m.getRound(), now);
            if (starts.isPresent()) {
                store.progress(t, incident.id(), incident.state(), incident.level(), incident.round(), starts.get());
                due = StoredText.of("incident.event.sms.due", texts.time(starts.get(), now));
            }
        }
        store.event(t, incident.id(), now, delivered ? "SMS_DELIVERED" : "SMS_SENT", null,
                StoredText.of("incident.event.sms", what, late, due));
    }

    /** The first setback of an alert (a provider outage, 429, no answer): said once, while it is retried. */
    @Override
    public void delayed(DSLContext t, long messageId, String reason, Instant retryAt, Instant now) {
        var m = t.selectFrom(SMS_MESSAGE).where(SMS_MESSAGE.ID.eq(messageId)).fetchOne();
        if (m == null || m.getIncidentId() == null) {
            return;
        }
        // The provider's reason is its own words (an HTTP status, Twilio's message): stored as it came.
        store.event(t, m.getIncidentId(), now, "SMS_DELAYED", null, StoredText.of("incident.event.SMS_DELAYED",
                who(m), reason == null ? "" : reason.length() > 160 ? reason.substring(0, 160) + "…" : reason,
                texts.time(retryAt, now)));
    }

    private static String who(vn.dancham.db.jooq.tables.records.SmsMessageRecord m) {
        return (m.getRecipientName() == null ? "" : m.getRecipientName() + " ") + "(" + PhoneNumbers.masked(m.getToPhone()) + ")";
    }

    /** A message of the current step will never arrive: when it was the last hope of that step, move on now. */
    @Override
    public void failed(DSLContext t, long messageId, Instant now) {
        var m = t.selectFrom(SMS_MESSAGE).where(SMS_MESSAGE.ID.eq(messageId)).fetchOne();
        if (m == null || m.getIncidentId() == null || m.getLevel() == null) {
            return;
        }
        var incident = store.lock(t, m.getIncidentId()).orElse(null);
        if (incident == null) {
            return;
        }
        store.event(t, incident.id(), now, "SMS_FAILED", null, StoredText.of("incident.event.SMS_FAILED",
                m.getRecipientName() + " (" + PhoneNumbers.masked(m.getToPhone()) + ")",
                m.getLastError() == null ? "" : m.getLastError()));
        if (incident.state() != IncidentState.NOTIFIED || incident.level() != m.getLevel()
                || incident.round() != m.getRound()) {
            return;
        }
        var carrier = SMS_MESSAGE.as("carrier");
        boolean anotherMayArrive = t.fetchExists(t.selectOne().from(SMS_MESSAGE)
                .leftJoin(carrier).on(carrier.ID.eq(SMS_MESSAGE.BUNDLED_INTO))
                .where(SMS_MESSAGE.INCIDENT_ID.eq(incident.id()))
                .and(SMS_MESSAGE.LEVEL.eq(m.getLevel())).and(SMS_MESSAGE.ROUND.eq(m.getRound()))
                .and(SMS_MESSAGE.ID.ne(messageId))
                .and(SMS_MESSAGE.STATE.in("PENDING", "SENDING", "SENT", "DELIVERED", "SIMULATED")
                        .or(SMS_MESSAGE.STATE.eq("BUNDLED")
                                .and(carrier.STATE.in("PENDING", "SENDING", "SENT", "DELIVERED", "SIMULATED")))));
        if (!anotherMayArrive) {
            store.stepNow(t, incident.id(), now);
        }
    }
}
