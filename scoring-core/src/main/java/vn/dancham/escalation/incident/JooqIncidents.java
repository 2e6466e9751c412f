package vn.dancham.escalation.incident;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import vn.dancham.escalation.IncidentChange;
import vn.dancham.escalation.IncidentDetail;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Incidents;
import vn.dancham.escalation.SmsBacklog;
import vn.dancham.escalation.SmsView;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.text.StoredText;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.noCondition;
import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.INCIDENT_EVENT;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/** The web's view of incidents and the actions leaders take on them. */
final class JooqIncidents implements Incidents {

    /** The longest resolution note kept. */
    static final int MAX_NOTE = 2000;
    private static final vn.dancham.db.jooq.tables.SmsMessage CARRIER = SMS_MESSAGE.as("carrier");

    private final DSLContext dsl;
    private final IncidentStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final boolean simulatedGateway;

    JooqIncidents(DSLContext dsl, IncidentStore store, Outbox outbox, Clock clock, boolean simulatedGateway) {
        this.dsl = dsl;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.simulatedGateway = simulatedGateway;
    }

    @Override
    public List<IncidentSummary> list(IncidentFilter f) {
        Condition c = noCondition();
        if (!f.states().isEmpty()) {
            c = c.and(INCIDENT.STATE.in(f.states().stream().map(Enum::name).toList()));
        }
        if (!f.severities().isEmpty()) {
            c = c.and(INCIDENT.SEVERITY.in(f.severities().stream().map(Enum::name).toList()));
        }
        if (f.adminUnitId() != null) {
            c = c.and(INCIDENT.ADMIN_UNIT_ID.eq(f.adminUnitId()));
        }
        if (f.officeId() != null) {
            c = c.and(INCIDENT.OFFICE_ID.eq(f.officeId()));
        }
        if (f.from() != null) {
            c = c.and(INCIDENT.OPENED_AT.ge(IncidentStore.utc(f.from())));
        }
        if (f.to() != null) {
            c = c.and(INCIDENT.OPENED_AT.lt(IncidentStore.utc(f.to())));
        }
        return dsl.selectFrom(INCIDENT).where(c).orderBy(INCIDENT.OPENED_AT.desc(), INCIDENT.ID.desc())
                .limit(f.limit()).offset(f.offset()).fetch(IncidentStore::summary);
    }

    @Override
    public Optional<IncidentDetail> find(long id) {
        return store.find(dsl, id).map(i -> new IncidentDetail(i, store.facts(dsl, id), store.wordedFacts(dsl, id),
                dsl.selectFrom(INCIDENT_EVENT).where(INCIDENT_EVENT.INCIDENT_ID.eq(id))
                        .orderBy(INCIDENT_EVENT.AT, INCIDENT_EVENT.ID)
                        .fetch(e -> new IncidentDetail.TimelineEntry(e.getAt().toInstant(), e.getKind(),
                                e.getActor(), e.getDetail(), IncidentStore.text(e.getDetailMessage()))),
                messages(SMS_MESSAGE.INCIDENT_ID.eq(id), 1000)));
    }

    @Override
    public IncidentChange acknowledge(long id, String actor) {
        return dsl.transactionResult(tx -> {
            Instant now = clock.instant();
            Optional<IncidentSummary> i = store.lock(tx.dsl(), id);
            if (i.isEmpty()) {
                return new IncidentChange.NotFound(id);
            }
            if (!i.get().state().acknowledgeable()) {
                return new IncidentChange.NotAllowed(i.get(),
                        i.get().state() == IncidentState.RESOLVED ? "ALREADY_RESOLVED" : "ALREADY_ACKNOWLEDGED");
            }
            acknowledge(tx.dsl(), store, outbox, id, actor, now, "web");
            return new IncidentChange.Done(store.find(tx.dsl(), id).orElseThrow());
        });
    }

    static void acknowledge(DSLContext t, IncidentStore store, Outbox outbox, long id, String actor, Instant now,
                            String channel) {
        store.acknowledge(t, id, actor, now);
        int cancelled = outbox.cancelPending(t, id);
        store.event(t, id, now, "ACKNOWLEDGED", actor, cancelled > 0
                ? StoredText.of("incident.event.ACKNOWLEDGED.cancelled", StoredText.word("incident.channel", channel),
                cancelled)
                : StoredText.of("incident.event.ACKNOWLEDGED", StoredText.word("incident.channel", channel)));
    }

    @Override
    public IncidentChange resolve(long id, String actor, String note) {
        if (note == null || note.isBlank()) {
            return new IncidentChange.Invalid("note", "NOTE_REQUIRED");
        }
        if (note.length() > MAX_NOTE) {
            return new IncidentChange.Invalid("note", "NOTE_TOO_LONG", MAX_NOTE);
        }
        return dsl.transactionResult(tx -> {
            Instant now = clock.instant();
            Optional<IncidentSummary> i = store.lock(tx.dsl(), id);
            if (i.isEmpty()) {
                return new IncidentChange.NotFound(id);
            }
            if (i.get().state() == IncidentState.RESOLVED) {
                return new IncidentChange.NotAllowed(i.get(), "ALREADY_RESOLVED");
            }
            store.resolve(tx.dsl(), id, note.strip(), now);
            outbox.cancelPending(tx.dsl(), id);
            store.event(tx.dsl(), id, now, "RESOLVED", actor, note.strip());
            return new IncidentChange.Done(store.find(tx.dsl(), id).orElseThrow());
        });
    }

    @Override
    public SmsBacklog backlog() {
        Map<String, Long> counts = new LinkedHashMap<>();
        dsl.select(SMS_MESSAGE.STATE, count()).from(SMS_MESSAGE).groupBy(SMS_MESSAGE.STATE)
                .orderBy(SMS_MESSAGE.STATE)
                .fetch().forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        var oldest = dsl.select(org.jooq.impl.DSL.min(SMS_MESSAGE.CREATED_AT)).from(SMS_MESSAGE)
                .where(SMS_MESSAGE.STATE.in("PENDING", "SENDING")).fetchOne().value1();
        return new SmsBacklog(counts, oldest == null ? null : oldest.toInstant(),
                messages(SMS_MESSAGE.STATE.in("PENDING", "SENDING"), 200),
                messages(SMS_MESSAGE.STATE.in("FAILED", "UNDELIVERED")
                        .and(SMS_MESSAGE.STATUS_AT.gt(IncidentStore.utc(clock.instant().minusSeconds(86_400)))), 200),
                simulatedGateway);
    }

    private List<SmsView> messages(Condition where, int limit) {
        return dsl.select(SMS_MESSAGE.fields())
                .select(CARRIER.STATE)
                .from(SMS_MESSAGE)
                .leftJoin(CARRIER).on(CARRIER.ID.eq(SMS_MESSAGE.BUNDLED_INTO))
                .where(where)
                .orderBy(SMS_MESSAGE.CREATED_AT, SMS_MESSAGE.ID)
                .limit(limit)
                .fetch(JooqIncidents::view);
    }

    private static SmsView view(Record r) {
        String state = r.get(SMS_MESSAGE.STATE);
        String carrierState = r.get(CARRIER.STATE);
        return new SmsView(r.get(SMS_MESSAGE.ID), r.get(SMS_MESSAGE.INCIDENT_ID), r.get(SMS_MESSAGE.TO_PHONE),
                r.get(SMS_MESSAGE.RECIPIENT_NAME), r.get(SMS_MESSAGE.LEVEL) == null ? null
                : r.get(SMS_MESSAGE.LEVEL).intValue(), r.get(SMS_MESSAGE.BODY), r.get(SMS_MESSAGE.ENCODING),
                r.get(SMS_MESSAGE.SEGMENTS), state, "BUNDLED".equals(state) && carrierState != null ? carrierState
                : state, r.get(SMS_MESSAGE.BUNDLED_INTO), r.get(SMS_MESSAGE.ATTEMPTS),
                IncidentStore.instant(r.get(SMS_MESSAGE.NEXT_ATTEMPT_AT)), r.get(SMS_MESSAGE.LAST_ERROR),
                r.get(SMS_MESSAGE.PROVIDER_SID), IncidentStore.instant(r.get(SMS_MESSAGE.CREATED_AT)),
                IncidentStore.instant(r.get(SMS_MESSAGE.SENT_AT)), IncidentStore.instant(r.get(SMS_MESSAGE.STATUS_AT)));
    }
}
