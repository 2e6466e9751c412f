package vn.dancham.calls.internal;

import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.dancham.db.HotSql;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Organisation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.val;
import static vn.dancham.db.jooq.Tables.CALL_EVENT_BATCH;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;

/**
 * The call log over hotline_call and call_event_batch (one row per write of a call's events, read one event per row
 * through the view call_event): single-row inserts and updates only, fit for the call path.
 */
@Component
class JooqCallLog implements CallLog {

    private static final int MAX_DETAIL = 500;

    private final DSLContext dsl;
    private final ApplicationEventPublisher events;
    private final Organisation organisation;
    private final Clock clock;

    @Autowired
    JooqCallLog(DSLContext dsl, ApplicationEventPublisher events, Organisation organisation,
                ObjectProvider<Clock> clock) {
        this(dsl, events, organisation, clock.getIfAvailable(Clock::systemUTC));
    }

    JooqCallLog(DSLContext dsl, ApplicationEventPublisher events, Organisation organisation, Clock clock) {
        this.dsl = dsl;
        this.events = events;
        this.organisation = organisation;
        this.clock = clock;
    }

    @Override
    public long started(CallStarted call) {
        String uniqueId = call.asteriskUniqueId();
        Long id = insertCall(call, uniqueId);
        if (id == null) {
            // Asterisk reuses a channel's unique id when the dialplan runs the AGI again: keep both calls.
            id = insertCall(call, uniqueId + "#" + UUID.randomUUID().toString().substring(0, 8));
        }
        return id;
    }

    private Long insertCall(CallStarted call, String uniqueId) {
        return HotSql.query(dsl, INSERT_CALL, rs -> rs.next() ? rs.getLong(1) : null,
                uniqueId, call.callerNumber(), call.callerNumber() == null, call.dnis(), call.channel(), call.node(),
                at(call.startedAt()), call.test());
    }

    /**
     * The statements of a call's own time (its row, its events, its end) are constant text run through JDBC
     * ({@link HotSql}): rendering them through jOOQ on every call was a large part of a call's CPU (issue 16).
     * <p>
     * The call's row is committed without waiting for the disk ({@code synchronous_commit = off} for this
     * transaction only), like its events: nobody has been told anything yet. PostgreSQL writes its WAL in order, so
     * the first durable write of the call (an answer kept, a complaint), which waits for the disk, makes the row
     * durable with it; otherwise the WAL writer's next flush does (within a fraction of a second). Only a crash of
     * the database server before that can lose the row, and with it nothing a caller was promised (a call whose
     * row is lost had left nothing yet). Saves a WAL flush per call (issue 16).
     */
    private static final String INSERT_CALL = """
            INSERT INTO hotline_call (asterisk_unique_id, caller_number, caller_withheld, dnis, channel, node,
                                      started_at, test, last_step)
            SELECT ?::text, ?::text, ?::boolean, ?::text, ?::text, ?::text, ?::timestamptz, ?::boolean, 'START'
            FROM (SELECT set_config('synchronous_commit', 'off', true)) async
            ON CONFLICT (asterisk_unique_id) DO NOTHING
            RETURNING id""";

    /**
     * The rows of several calls in one statement ({@link #INSERT_CALLS}); a call whose Asterisk unique id is taken
     * (by an earlier call, or twice in the same batch) is written again under a suffixed id, as {@link #started}
     * does.
     */
    @Override
    public java.util.List<Long> started(java.util.List<CallStarted> calls) {
        if (calls.size() <= 1) {
            return calls.stream().map(this::started).toList();
        }
        Long[] ids = new Long[calls.size()];
        String[] uniqueIds = calls.stream().map(CallStarted::asteriskUniqueId).toArray(String[]::new);
        java.util.List<Integer> left = java.util.stream.IntStream.range(0, calls.size()).boxed().toList();
        for (int pass = 0; !left.isEmpty(); pass++) {
            requireFewPasses(pass, left.size());
            java.util.Map<String, Long> written = insertCalls(calls, uniqueIds, left);
            java.util.List<Integer> again = new java.util.ArrayList<>();
            for (int i : left) {
                Long id = written.remove(uniqueIds[i]);
                if (id != null) {
                    ids[i] = id;
                } else {
                    uniqueIds[i] = suffixed(calls.get(i).asteriskUniqueId());
                    again.add(i);
                }
            }
            left = again;
        }
        return java.util.List.of(ids);
    }

    private java.util.Map<String, Long> insertCalls(java.util.List<CallStarted> calls, String[] uniqueIds,
                                                     java.util.List<Integer> which) {
        Starts s = Starts.of(calls, uniqueIds, which);
        return HotSql.query(dsl, INSERT_CALLS, rs -> {
            java.util.Map<String, Long> ids = new java.util.HashMap<>();
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
            return ids;
        }, s.uniqueIds(), s.callers(), s.dnis(), s.channels(), s.nodes(), s.startedAts(), s.tests());
    }

    /** {@link #INSERT_CALL} for several calls: one row per element of the arrays, commit-asynchronous as it is. */
    private static final String INSERT_CALLS = """
            INSERT INTO hotline_call (asterisk_unique_id, caller_number, caller_withheld, dnis, channel, node,
                                      started_at, test, last_step)
            SELECT v.unique_id, v.caller, v.caller IS NULL, v.dnis, v.channel, v.node, v.started_at, v.test, 'START'
            FROM (SELECT set_config('synchronous_commit', 'off', true)) async,
                 unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[],
                        ?::text[]::boolean[]) AS v (unique_id, caller, dnis, channel, node, started_at, test)
            ON CONFLICT (asterisk_unique_id) DO NOTHING
            RETURNING asterisk_unique_id, id""";

    /**
     * Calls that ended before their rows were written, each row closed with its events, in one statement and one
     * commit that does not wait for the disk (as a call's end: the caller was promised nothing by it). A call whose
     * unique id is taken is written again under a suffixed one; two calls of the batch never share one, so that
     * the events go to the row of their own call.
     */
    @Override
    public void endedUnopened(java.util.List<WholeCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        java.util.List<CallStarted> starts = calls.stream().map(WholeCall::call).toList();
        String[] uniqueIds = new String[calls.size()];
        java.util.Set<String> inBatch = new java.util.HashSet<>();
        for (int i = 0; i < uniqueIds.length; i++) {
            String id = starts.get(i).asteriskUniqueId();
            uniqueIds[i] = inBatch.add(id) ? id : suffixed(id);
            inBatch.add(uniqueIds[i]);
        }
        java.util.List<Integer> left = java.util.stream.IntStream.range(0, calls.size()).boxed().toList();
        for (int pass = 0; !left.isEmpty(); pass++) {
            requireFewPasses(pass, left.size());
            java.util.Set<String> written = insertWholeCalls(calls, starts, uniqueIds, left);
            java.util.List<Integer> again = new java.util.ArrayList<>();
            for (int i : left) {
                if (!written.contains(uniqueIds[i])) {
                    uniqueIds[i] = suffixed(starts.get(i).asteriskUniqueId());
                    again.add(i);
                }
            }
            left = again;
        }
    }

    private java.util.Set<String> insertWholeCalls(java.util.List<WholeCall> calls, java.util.List<CallStarted> starts,
                                                   String[] uniqueIds, java.util.List<Integer> which) {
        Starts s = Starts.of(starts, uniqueIds, which);
        String[] outcomes = new String[which.size()];
        String[] endedAts = new String[which.size()];
        String[] lastSteps = new String[which.size()];
        java.util.List<Event> events = new java.util.ArrayList<>();
        java.util.List<String> eventCalls = new java.util.ArrayList<>();
        for (int k = 0; k < which.size(); k++) {
            WholeCall c = calls.get(which.get(k));
            outcomes[k] = c.outcome().name();
            endedAts[k] = at(c.endedAt()).toString();
            lastSteps[k] = c.lastStep();
            for (Event e : c.events()) {
                events.add(e);
                eventCalls.add(uniqueIds[which.get(k)]);
            }
        }
        Columns e = Columns.of(events);
        return HotSql.query(dsl, INSERT_WHOLE_CALLS, rs -> {
            java.util.Set<String> written = new java.util.HashSet<>();
            while (rs.next()) {
                written.add(rs.getString(1));
            }
            return written;
        }, s.uniqueIds(), s.callers(), s.dnis(), s.channels(), s.nodes(), s.startedAts(), s.tests(),
                HotSql.textArray(outcomes), HotSql.textArray(endedAts), HotSql.textArray(lastSteps),
                HotSql.textArray(eventCalls.toArray(String[]::new)), e.ats(), e.steps(), e.kinds(), e.details());
    }

    private static final String INSERT_WHOLE_CALLS = """
            WITH c AS (
                INSERT INTO hotline_call (asterisk_unique_id, caller_number, caller_withheld, dnis, channel, node,
                                          started_at, test, outcome, ended_at, last_step)
                SELECT v.unique_id, v.caller, v.caller IS NULL, v.dnis, v.channel, v.node, v.started_at, v.test,
                       v.outcome, greatest(v.ended_at, v.started_at), v.last_step
                FROM (SELECT set_config('synchronous_commit', 'off', true)) async,
                     unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[],
                            ?::text[]::boolean[], ?::text[], ?::text[]::timestamptz[], ?::text[])
                         AS v (unique_id, caller, dnis, channel, node, started_at, test, outcome, ended_at, last_step)
                ON CONFLICT (asterisk_unique_id) DO NOTHING
                RETURNING id, asterisk_unique_id
            ), e AS (
                INSERT INTO call_event_batch (call_id, at, step, kind, detail)
                SELECT c.id, array_agg(v.at ORDER BY v.n), array_agg(v.step ORDER BY v.n),
                       array_agg(v.kind ORDER BY v.n), array_agg(v.detail ORDER BY v.n)
                FROM unnest(?::text[], ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[])
                         WITH ORDINALITY AS v (unique_id, at, step, kind, detail, n)
                JOIN c ON c.asterisk_unique_id = v.unique_id
                GROUP BY c.id
            )
            SELECT asterisk_unique_id FROM c""";

    /** A taken unique id made unique again, as {@link #started} does. */
    private static String suffixed(String uniqueId) {
        return uniqueId + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Each pass writes every call whose id was free: a third is already a bug, not bad luck. */
    private static void requireFewPasses(int pass, int left) {
        if (pass >= 3) {
            throw new IllegalStateException(left + " call rows not written after " + pass + " passes");
        }
    }

    /** The starts of the calls {@code which}, one array per column, under the unique ids given. */
    private record Starts(HotSql.TextArray uniqueIds, HotSql.TextArray callers, HotSql.TextArray dnis,
                          HotSql.TextArray channels, HotSql.TextArray nodes, HotSql.TextArray startedAts,
                          HotSql.TextArray tests) {

        static Starts of(java.util.List<CallStarted> calls, String[] uniqueIds, java.util.List<Integer> which) {
            int n = which.size();
            String[][] columns = new String[7][n];
            for (int k = 0; k < n; k++) {
                int i = which.get(k);
                CallStarted c = calls.get(i);
                columns[0][k] = uniqueIds[i];
                columns[1][k] = c.callerNumber();
                columns[2][k] = c.dnis();
                columns[3][k] = c.channel();
                columns[4][k] = c.node();
                columns[5][k] = at(c.startedAt()).toString();
                columns[6][k] = Boolean.toString(c.test());
            }
            return new Starts(HotSql.textArray(columns[0]), HotSql.textArray(columns[1]),
                    HotSql.textArray(columns[2]), HotSql.textArray(columns[3]), HotSql.textArray(columns[4]),
                    HotSql.textArray(columns[5]), HotSql.textArray(columns[6]));
        }
    }

    /**
     * One statement, one round trip, and no wait for the disk: a call writes an event for every prompt and key, on
     * the caller's time, and at 2,000 calls the synchronous commits (one fsync each) made the call path queue for
     * the connection pool (bench/results/2026-11-22-findings.md). Events are commit-asynchronous
     * ({@code synchronous_commit = off} for this transaction only): a crash of the database server can lose its
     * last fraction of a second of events (and of calls' ends, see below), never a rating or complaint, which commit
     * synchronously.
     */
    @Override
    public long journaledCall(CallStarted call, Instant lastAnswerAt) {
        Instant ended = lastAnswerAt.isBefore(call.startedAt()) ? call.startedAt() : lastAnswerAt;
        dsl.insertInto(HOTLINE_CALL)
                .set(HOTLINE_CALL.ASTERISK_UNIQUE_ID, call.asteriskUniqueId())
                .set(HOTLINE_CALL.CALLER_NUMBER, call.callerNumber())
                .set(HOTLINE_CALL.CALLER_WITHHELD, call.callerNumber() == null)
                .set(HOTLINE_CALL.DNIS, call.dnis())
                .set(HOTLINE_CALL.CHANNEL, call.channel())
                .set(HOTLINE_CALL.NODE, call.node())
                .set(HOTLINE_CALL.STARTED_AT, at(call.startedAt()))
                .set(HOTLINE_CALL.ENDED_AT, at(ended))
                .set(HOTLINE_CALL.TEST, call.test())
                .set(HOTLINE_CALL.OUTCOME, Outcome.COMPLETED.name())
                .set(HOTLINE_CALL.LAST_STEP, "JOURNAL")
                .onConflict(HOTLINE_CALL.ASTERISK_UNIQUE_ID).doNothing()
                .execute();
        return dsl.select(HOTLINE_CALL.ID).from(HOTLINE_CALL)
                .where(HOTLINE_CALL.ASTERISK_UNIQUE_ID.eq(call.asteriskUniqueId()))
                .fetchSingle(HOTLINE_CALL.ID);
    }

    @Override
    public void event(long callId, String step, EventKind kind, String detail) {
        dsl.execute("""
                WITH e AS (
                    INSERT INTO call_event_batch (call_id, at, step, kind, detail)
                    SELECT ?::bigint, ARRAY[?::timestamptz], ARRAY[?::text], ARRAY[?::text], ARRAY[?::text]
                    FROM (SELECT set_config('synchronous_commit', 'off', true)) async
                )
                UPDATE hotline_call SET last_step = ?
                WHERE id = ?::bigint AND outcome = 'IN_PROGRESS' AND ?::boolean
                """,
                callId, at(clock.instant()), step, kind.name(),
                detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL),
                // Kept current so that a call cut by a crash still says where the caller was.
                step, callId, kind == EventKind.STEP);
    }

    @Override
    public void ended(long callId, Outcome outcome, String lastStep) {
        ended(callId, outcome, lastStep, clock.instant());
    }

    /** An end without events (a replayed one among them) is the hang-up's statement too: one way to close a row. */
    @Override
    public void ended(long callId, Outcome outcome, String lastStep, Instant endedAt) {
        ended(java.util.List.of(new CallEnd(callId, java.util.List.of(), outcome, lastStep, endedAt)));
    }

    /**
     * The hang-up: the call's last events and its end in one statement and one commit, which does not wait for the
     * disk ({@code synchronous_commit = off} for this transaction, set in the statement's condition, evaluated on
     * the call's row as it is looked up by id). The caller has hung up and was
     * promised nothing by the end; their answers and complaints were committed durably as they were given. A crash
     * of the database server in the fraction of a second before the WAL writer flushes can lose an end with its
     * last events: the row then stays open until a node's start-up sweep closes it as INTERRUPTED. A wait for the
     * disk at every call's end was the last synchronous commit of a call without answers (issue 16).
     */
    @Override
    public void ended(long callId, java.util.List<Event> events, Outcome outcome, String lastStep) {
        ended(java.util.List.of(new CallEnd(callId, events, outcome, lastStep, clock.instant())));
    }

    /** The events as one row (none when there are none), the arrays in the order the events happened. */
    private static final String ENDED_WITH_EVENTS = """
            WITH e AS (
                INSERT INTO call_event_batch (call_id, at, step, kind, detail)
                SELECT v.call_id, v.at, v.step, v.kind, v.detail
                FROM (VALUES (?::bigint, ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[]))
                         AS v (call_id, at, step, kind, detail)
                WHERE cardinality(v.at) > 0
            )
            UPDATE hotline_call SET outcome = ?, ended_at = greatest(?::timestamptz, started_at), last_step = ?
            WHERE id = ?::bigint AND outcome = 'IN_PROGRESS'
              AND set_config('synchronous_commit', 'off', true) IS NOT NULL""";

    /**
     * Ends that arrived together: one statement and one commit for all (events flattened to one row per event with
     * its call, gathered back into one batch row per call in the order given), not waiting for the disk, as above.
     * An end alone is the hang-up statement above.
     */
    @Override
    public void ended(java.util.List<CallEnd> ends) {
        if (ends.size() == 1) {
            CallEnd e = ends.getFirst();
            Columns c = Columns.of(e.events());
            HotSql.update(dsl, ENDED_WITH_EVENTS, e.callId(), c.ats(), c.steps(), c.kinds(), c.details(),
                    e.outcome().name(), at(e.endedAt()), e.lastStep(), e.callId());
            return;
        }
        if (ends.isEmpty()) {
            return;
        }
        int calls = ends.size();
        String[] ids = new String[calls];
        String[] outcomes = new String[calls];
        String[] endedAts = new String[calls];
        String[] lastSteps = new String[calls];
        java.util.List<Event> events = new java.util.ArrayList<>();
        java.util.List<String> eventCalls = new java.util.ArrayList<>();
        for (int i = 0; i < calls; i++) {
            CallEnd e = ends.get(i);
            ids[i] = Long.toString(e.callId());
            outcomes[i] = e.outcome().name();
            endedAts[i] = at(e.endedAt()).toString();
            lastSteps[i] = e.lastStep();
            for (Event event : e.events()) {
                events.add(event);
                eventCalls.add(ids[i]);
            }
        }
        Columns c = Columns.of(events);
        HotSql.update(dsl, ENDED_MANY, HotSql.textArray(eventCalls.toArray(String[]::new)), c.ats(), c.steps(),
                c.kinds(), c.details(), HotSql.textArray(ids), HotSql.textArray(outcomes),
                HotSql.textArray(endedAts), HotSql.textArray(lastSteps));
    }

    private static final String ENDED_MANY = """
            WITH e AS (
                INSERT INTO call_event_batch (call_id, at, step, kind, detail)
                SELECT v.call_id, array_agg(v.at ORDER BY v.n), array_agg(v.step ORDER BY v.n),
                       array_agg(v.kind ORDER BY v.n), array_agg(v.detail ORDER BY v.n)
                FROM unnest(?::text[]::bigint[], ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[])
                         WITH ORDINALITY AS v (call_id, at, step, kind, detail, n)
                GROUP BY v.call_id
            )
            UPDATE hotline_call c
            SET outcome = v.outcome, ended_at = greatest(v.ended_at, c.started_at), last_step = v.last_step
            FROM unnest(?::text[]::bigint[], ?::text[], ?::text[]::timestamptz[], ?::text[])
                     AS v (id, outcome, ended_at, last_step)
            WHERE c.id = v.id AND c.outcome = 'IN_PROGRESS'
              AND set_config('synchronous_commit', 'off', true) IS NOT NULL""";

    @Override
    public LeaderCallMissed leaderCallMissed(long callId, Long officeId, String callerNumber, String reason,
                                             java.util.List<LeaderCallMissed.Try> tries) {
        Instant now = clock.instant();
        return dsl.transactionResult(tx -> {
            tx.dsl().insertInto(CALL_EVENT_BATCH)
                    .set(CALL_EVENT_BATCH.CALL_ID, callId)
                    .set(CALL_EVENT_BATCH.AT, new OffsetDateTime[]{at(now)})
                    .set(CALL_EVENT_BATCH.STEP, new String[]{"LEADER_MISSED"})
                    .set(CALL_EVENT_BATCH.KIND, new String[]{EventKind.STEP.name()})
                    .set(CALL_EVENT_BATCH.DETAIL, new String[]{reason})
                    .execute();
            Long unitId = unitOf(officeId);
            LeaderCallMissed event = new LeaderCallMissed(callId, officeId, unitId, callerNumber, now, reason,
                    tries);
            events.publishEvent(event);
            return event;
        });
    }

    @Override
    public void leaderRung(long callId, Long officeId, LeaderRing ring) {
        int n = ring.people().size();
        if (n == 0) {
            return;
        }
        String[] names = new String[n];
        String[] phones = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = ring.people().get(i).name();
            phones[i] = ring.people().get(i).phone();
        }
        HotSql.update(dsl, LEADER_RUNG, officeId, callId, officeId, (short) ring.level(), ring.dialStatus(),
                ring.ringFor() == null ? null : (int) ring.ringFor().toSeconds(), at(ring.at()),
                HotSql.textArray(names), HotSql.textArray(phones));
    }

    /**
     * A ring, one row per person rung, in one statement on the caller's time (the leader calls' figures, issue 18):
     * the district found by the database as {@link #unitOf} finds it (the first district among the office's unit
     * and its ancestors, else the office's own unit), instead of four or five reads through jOOQ before a
     * synchronous insert, which made the turnaround after a Dial the slowest of a leader call (issue 16's
     * bench/results/2026-12-02-1111-fastagi-small.md: p50 3.38 ms at one line). Commit-asynchronous, like the call's
     * events: a ring is a figure for HR, not something the caller was told; a crash of the database server in the
     * fraction of a second after it can lose it, and the call's next durable write (its end) makes it durable.
     */
    private static final String LEADER_RUNG = """
            WITH RECURSIVE up (id, parent_id, level, depth) AS (
                SELECT u.id, u.parent_id, u.level, 0
                FROM office o JOIN admin_unit u ON u.id = o.unit_id
                WHERE o.id = ?::bigint
                UNION ALL
                SELECT p.id, p.parent_id, p.level, up.depth + 1
                FROM up JOIN admin_unit p ON p.id = up.parent_id
                WHERE up.depth < 16
            )
            INSERT INTO leader_dial (call_id, office_id, admin_unit_id, level, person_name, phone, dial_status,
                                     ring_seconds, at)
            SELECT ?::bigint, ?::bigint,
                   coalesce((SELECT id FROM up WHERE level = 'DISTRICT' ORDER BY depth LIMIT 1),
                            (SELECT id FROM up WHERE depth = 0)),
                   ?::smallint, p.name, p.phone, ?::text, ?::integer, ?::timestamptz
            FROM (SELECT set_config('synchronous_commit', 'off', true)) async,
                 unnest(?::text[], ?::text[]) WITH ORDINALITY AS p (name, phone, n)
            ORDER BY p.n""";

    /** The district an office is in (whose leaders answer for it), else the office's own unit. */
    private Long unitOf(Long officeId) {
        return officeId == null ? null : organisation.districtOf(officeId).map(AdminUnit::id)
                .or(() -> organisation.office(officeId).map(o -> o.unitId()))
                .orElse(null);
    }

    @Override
    public int closeInterrupted(String node, Duration staleAfter) {
        Instant now = clock.instant();
        return dsl.update(HOTLINE_CALL)
                .set(HOTLINE_CALL.OUTCOME, Outcome.INTERRUPTED.name())
                .set(HOTLINE_CALL.ENDED_AT, greatest(val(at(now)), HOTLINE_CALL.STARTED_AT))
                .set(HOTLINE_CALL.LAST_STEP, coalesce(HOTLINE_CALL.LAST_STEP, val("START")))
                .where(HOTLINE_CALL.OUTCOME.eq("IN_PROGRESS"))
                .and(HOTLINE_CALL.NODE.eq(node).or(HOTLINE_CALL.STARTED_AT.lt(at(now.minus(staleAfter)))))
                .execute();
    }

    /**
     * A call's buffered events in one statement: one row of arrays (one bind per column whatever their number, so
     * the statement text is always the same), and the call's last step from the last STEP among them.
     */
    @Override
    public void events(long callId, java.util.List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Columns c = Columns.of(events);
        HotSql.update(dsl, EVENTS, callId, c.ats(), c.steps(), c.kinds(), c.details(), c.lastStep(), callId,
                c.lastStep());
    }

    private static final String EVENTS = """
            WITH e AS (
                INSERT INTO call_event_batch (call_id, at, step, kind, detail)
                SELECT ?::bigint, ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[]
                FROM (SELECT set_config('synchronous_commit', 'off', true)) async
            )
            UPDATE hotline_call SET last_step = ?
            WHERE id = ?::bigint AND outcome = 'IN_PROGRESS' AND ?::text IS NOT NULL""";

    /** A call's events as one array per column (one bind each, so the statement text never changes). */
    private record Columns(HotSql.TextArray ats, HotSql.TextArray steps, HotSql.TextArray kinds,
                           HotSql.TextArray details, String lastStep) {

        static Columns of(java.util.List<Event> events) {
            int n = events.size();
            String[] ats = new String[n];
            String[] steps = new String[n];
            String[] kinds = new String[n];
            String[] details = new String[n];
            String lastStep = null;
            for (int i = 0; i < n; i++) {
                Event e = events.get(i);
                // ISO-8601 with its offset (UTC): PostgreSQL reads it as the same timestamptz.
                ats[i] = at(e.at()).toString();
                steps[i] = e.step();
                kinds[i] = e.kind().name();
                String detail = e.detail();
                details[i] = detail == null || detail.length() <= MAX_DETAIL ? detail
                        : detail.substring(0, MAX_DETAIL);
                if (e.kind() == EventKind.STEP) {
                    lastStep = e.step();
                }
            }
            return new Columns(HotSql.textArray(ats), HotSql.textArray(steps), HotSql.textArray(kinds),
                    HotSql.textArray(details), lastStep);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
