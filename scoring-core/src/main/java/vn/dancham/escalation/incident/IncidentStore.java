package vn.dancham.escalation.incident;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import vn.dancham.escalation.IncidentKind;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;
import vn.dancham.text.StoredText;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static vn.dancham.db.jooq.Tables.ESCALATION_POLICY;
import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.INCIDENT_EVENT;

/** The incident and incident_event tables. Every method takes the transaction's DSLContext. */
final class IncidentStore {

    static final List<String> DEDUP_STATES = List.of("OPEN", "NOTIFIED", "ACKNOWLEDGED", "UNACKNOWLEDGED");
    static final List<String> ACKNOWLEDGEABLE = List.of("OPEN", "NOTIFIED", "UNACKNOWLEDGED");

    private final RandomGenerator random;

    IncidentStore(RandomGenerator random) {
        this.random = random;
    }

    IncidentStore() {
        this(new SecureRandom());
    }

    sealed interface Opening {
        long id();
    }

    record Opened(long id) implements Opening {
    }

    record Repeated(long id) implements Opening {
    }

    /**
     * Opens the incident, or adds an occurrence to the one open for the same subject and kind. Most reports repeat an
     * incident already open (the same office, the same kind): that is tried first, one statement (it was an insert
     * that inserted nothing, a read of the open incident and an update).
     */
    Opening open(DSLContext t, NewIncident n) {
        Optional<Long> open = addOccurrence(t, n);
        if (open.isPresent()) {
            event(t, open.get(), n.at(), "REPEATED", null, n.timelineDetail());
            return new Repeated(open.get());
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            String code = String.format("%04d", random.nextInt(10_000));
            Optional<Long> id = t.insertInto(INCIDENT)
                    .set(INCIDENT.CODE, code)
                    .set(INCIDENT.KIND, n.kind().name())
                    .set(INCIDENT.SEVERITY, n.severity().name())
                    .set(INCIDENT.SUBJECT_TYPE, n.subjectType())
                    .set(INCIDENT.SUBJECT_ID, n.subjectId())
                    .set(INCIDENT.OFFICE_ID, n.officeId())
                    .set(INCIDENT.ADMIN_UNIT_ID, n.adminUnitId())
                    // The old title column stays empty: pages render title_message in the reader's language.
                    .set(INCIDENT.TITLE, "")
                    .set(INCIDENT.TITLE_MESSAGE, jsonb(n.title()))
                    .set(INCIDENT.SUMMARY, n.smsSummary())
                    .set(INCIDENT.SUMMARY_MESSAGE, jsonb(n.summary()))
                    .set(INCIDENT.DETAILS, JSONB.valueOf(json(n.facts(), n.wordedFacts())))
                    .set(INCIDENT.OPENED_AT, utc(n.at()))
                    .set(INCIDENT.LAST_OCCURRED_AT, utc(n.at()))
                    .onConflictDoNothing()
                    .returningResult(INCIDENT.ID)
                    .fetchOptional(r -> r.value1());
            if (id.isPresent()) {
                event(t, id.get(), n.at(), "OPENED", null, n.timelineDetail());
                return new Opened(id.get());
            }
            // Not inserted: an incident of the same subject was opened meanwhile (add to it), or the code is taken by
            // another open incident (draw again).
            open = addOccurrence(t, n);
            if (open.isPresent()) {
                event(t, open.get(), n.at(), "REPEATED", null, n.timelineDetail());
                return new Repeated(open.get());
            }
        }
        throw new IllegalStateException("No free 4-digit incident code after 50 draws");
    }

    /** One more occurrence on the incident open for the same subject and kind, if there is one (its row locked). */
    private static Optional<Long> addOccurrence(DSLContext t, NewIncident n) {
        return t.update(INCIDENT)
                .set(INCIDENT.OCCURRENCES, INCIDENT.OCCURRENCES.plus(1))
                .set(INCIDENT.LAST_OCCURRED_AT, utc(n.at()))
                .where(INCIDENT.KIND.eq(n.kind().name()))
                .and(INCIDENT.SUBJECT_TYPE.eq(n.subjectType()))
                .and(INCIDENT.SUBJECT_ID.eq(n.subjectId()))
                .and(INCIDENT.STATE.in(DEDUP_STATES))
                .returningResult(INCIDENT.ID)
                .fetchOptional(r -> r.value1());
    }

    /** A timeline entry whose detail is what a person typed (a resolution note), kept as they wrote it. */
    void event(DSLContext t, long incidentId, Instant at, String kind, String actor, String typed) {
        event(t, incidentId, at, kind, actor, typed, null);
    }

    /** A timeline entry whose detail the application words: stored as a code and arguments. */
    void event(DSLContext t, long incidentId, Instant at, String kind, String actor, StoredText detail) {
        event(t, incidentId, at, kind, actor, null, detail);
    }

    private void event(DSLContext t, long incidentId, Instant at, String kind, String actor, String typed,
                       StoredText detail) {
        t.insertInto(INCIDENT_EVENT)
                .set(INCIDENT_EVENT.INCIDENT_ID, incidentId)
                .set(INCIDENT_EVENT.AT, utc(at))
                .set(INCIDENT_EVENT.KIND, kind)
                .set(INCIDENT_EVENT.ACTOR, actor)
                .set(INCIDENT_EVENT.DETAIL, typed)
                .set(INCIDENT_EVENT.DETAIL_MESSAGE, jsonb(detail))
                .execute();
    }

    static JSONB jsonb(StoredText text) {
        return text == null ? null : JSONB.valueOf(text.toJson());
    }

    static StoredText text(JSONB json) {
        return json == null ? null : StoredText.fromJson(json.data());
    }

    Optional<IncidentSummary> find(DSLContext t, long id) {
        return t.selectFrom(INCIDENT).where(INCIDENT.ID.eq(id)).fetchOptional(IncidentStore::summary);
    }

    Optional<IncidentSummary> lock(DSLContext t, long id) {
        return t.selectFrom(INCIDENT).where(INCIDENT.ID.eq(id)).forUpdate().fetchOptional(IncidentStore::summary);
    }

    /** Incidents whose wait is over, locked; those another node is stepping are skipped. */
    List<IncidentSummary> lockDue(DSLContext t, Instant now, int limit) {
        return t.selectFrom(INCIDENT)
                .where(INCIDENT.NEXT_STEP_AT.le(utc(now)))
                .and(INCIDENT.STATE.in("OPEN", "NOTIFIED"))
                .orderBy(INCIDENT.NEXT_STEP_AT)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(IncidentStore::summary);
    }

    void progress(DSLContext t, long id, IncidentState state, int level, int round, Instant nextStepAt) {
        t.update(INCIDENT)
                .set(INCIDENT.STATE, state.name())
                .set(INCIDENT.LEVEL, (short) level)
                .set(INCIDENT.ROUND, (short) round)
                .set(INCIDENT.NEXT_STEP_AT, nextStepAt == null ? null : utc(nextStepAt))
                .where(INCIDENT.ID.eq(id))
                .execute();
    }

    void stopEscalating(DSLContext t, long id) {
        t.update(INCIDENT).set(INCIDENT.NEXT_STEP_AT, (OffsetDateTime) null).where(INCIDENT.ID.eq(id)).execute();
    }

    void stepNow(DSLContext t, long id, Instant now) {
        t.update(INCIDENT).set(INCIDENT.NEXT_STEP_AT, utc(now))
                .where(INCIDENT.ID.eq(id)).and(INCIDENT.STATE.in("OPEN", "NOTIFIED"))
                .execute();
    }

    boolean acknowledge(DSLContext t, long id, String actor, Instant now) {
        return t.update(INCIDENT)
                .set(INCIDENT.STATE, "ACKNOWLEDGED")
                .set(INCIDENT.ACKNOWLEDGED_AT, utc(now))
                .set(INCIDENT.ACKNOWLEDGED_BY, actor)
                .set(INCIDENT.NEXT_STEP_AT, (OffsetDateTime) null)
                .where(INCIDENT.ID.eq(id)).and(INCIDENT.STATE.in(ACKNOWLEDGEABLE))
                .execute() > 0;
    }

    boolean resolve(DSLContext t, long id, String note, Instant now) {
        return t.update(INCIDENT)
                .set(INCIDENT.STATE, "RESOLVED")
                .set(INCIDENT.RESOLVED_AT, utc(now))
                .set(INCIDENT.RESOLUTION_NOTE, note)
                .set(INCIDENT.NEXT_STEP_AT, (OffsetDateTime) null)
                .where(INCIDENT.ID.eq(id)).and(INCIDENT.STATE.ne("RESOLVED"))
                .execute() > 0;
    }

    EscalationPolicy policy(DSLContext t, Severity severity) {
        var r = t.selectFrom(ESCALATION_POLICY).where(ESCALATION_POLICY.SEVERITY.eq(severity.name())).fetchOne();
        if (r == null) {
            // The table is seeded by V30; an administrator deleting a row falls back to the documented defaults.
            return switch (severity) {
                case URGENT -> new EscalationPolicy(severity, Duration.ofMinutes(5), 3, 2, false);
                case WARNING -> new EscalationPolicy(severity, Duration.ofMinutes(30), 3, 1, false);
                case LOW -> new EscalationPolicy(severity, Duration.ofDays(1), 1, 0, true);
            };
        }
        return new EscalationPolicy(severity, Duration.ofSeconds(r.getWaitSeconds()), r.getMaxLevel(),
                r.getRepeats(), r.getDailyDigest());
    }

    /** The facts shown as they are (string values of incident.details). */
    Map<String, String> facts(DSLContext t, long id) {
        Map<String, String> facts = new LinkedHashMap<>();
        t.resultQuery("SELECT e.key, e.value #>> '{}' FROM incident i, jsonb_each(i.details) e WHERE i.id = ? "
                        + "AND jsonb_typeof(e.value) = 'string' ORDER BY e.key", id)
                .fetch().forEach(r -> facts.put(r.get(0, String.class), r.get(1, String.class)));
        return facts;
    }

    /** The facts in words (object values of incident.details: a message code and its arguments). */
    Map<String, StoredText> wordedFacts(DSLContext t, long id) {
        Map<String, StoredText> facts = new LinkedHashMap<>();
        t.resultQuery("SELECT e.key, e.value::text FROM incident i, jsonb_each(i.details) e WHERE i.id = ? "
                        + "AND jsonb_typeof(e.value) = 'object' ORDER BY e.key", id)
                .fetch().forEach(r -> facts.put(r.get(0, String.class), StoredText.fromJson(r.get(1, String.class))));
        return facts;
    }

    static IncidentSummary summary(Record r) {
        return new IncidentSummary(r.get(INCIDENT.ID), r.get(INCIDENT.CODE), IncidentKind.valueOf(r.get(INCIDENT.KIND)),
                Severity.valueOf(r.get(INCIDENT.SEVERITY)), IncidentState.valueOf(r.get(INCIDENT.STATE)),
                r.get(INCIDENT.SUBJECT_TYPE), r.get(INCIDENT.SUBJECT_ID), r.get(INCIDENT.OFFICE_ID),
                r.get(INCIDENT.ADMIN_UNIT_ID), r.get(INCIDENT.TITLE), r.get(INCIDENT.SUMMARY), r.get(INCIDENT.LEVEL),
                r.get(INCIDENT.ROUND), r.get(INCIDENT.OCCURRENCES), instant(r.get(INCIDENT.OPENED_AT)),
                instant(r.get(INCIDENT.LAST_OCCURRED_AT)), instant(r.get(INCIDENT.NEXT_STEP_AT)),
                instant(r.get(INCIDENT.ACKNOWLEDGED_AT)), r.get(INCIDENT.ACKNOWLEDGED_BY),
                instant(r.get(INCIDENT.RESOLVED_AT)), r.get(INCIDENT.RESOLUTION_NOTE),
                text(r.get(INCIDENT.TITLE_MESSAGE)), text(r.get(INCIDENT.SUMMARY_MESSAGE)));
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    static String json(Map<String, String> facts) {
        return json(facts, Map.of());
    }

    /** Plain facts as JSON strings, worded ones as {@link StoredText} objects; null values left out. */
    static String json(Map<String, String> facts, Map<String, StoredText> worded) {
        StringBuilder sb = new StringBuilder("{");
        facts.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(k)).append(':').append(quote(v));
        });
        worded.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(k)).append(':').append(v.toJson());
        });
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
