-- The node timer's statement for the ends of calls whose rows exist (JooqCallLog.ENDED_MANY), 232 calls × 15 events,
-- on a quiet copy of the database of 2026-12-04-1957-fastagi-small.md (its embedded PostgreSQL 18.3 started alone, port 55432),
-- run twice, each rolled back: psql -h 127.0.0.1 -p 55432 -U postgres -d dancham -f <this file>.
-- In that run's pg_stat_statements sibling (2026-12-04-1948-…), its executor wall time was 225 ms per execution on the
-- server's one core shared with the JVM; alone it takes the time below.
\timing on
BEGIN;
CREATE TEMP TABLE ids AS
WITH ins AS (
  INSERT INTO hotline_call (asterisk_unique_id, caller_number, caller_withheld, dnis, channel, node, started_at, test)
  SELECT 'ends-x-' || g, '0912345678', false, '1022', 'SIP/x', 'node1', now(), false FROM generate_series(1, 232) g
  RETURNING id)
SELECT id FROM ins;
CREATE TEMP TABLE args AS
SELECT (SELECT array_agg(id::text) FROM ids, generate_series(1, 15) e) AS ev_call,
       (SELECT array_agg(now()::text) FROM ids, generate_series(1, 15) e) AS ev_at,
       (SELECT array_agg('STEP_' || (e % 7)) FROM ids, generate_series(1, 15) e) AS ev_step,
       (SELECT array_agg('STEP'::text) FROM ids, generate_series(1, 15) e) AS ev_kind,
       (SELECT array_agg(CASE WHEN e % 3 = 0 THEN 'digit 1'::text END) FROM ids, generate_series(1, 15) e) AS ev_detail,
       (SELECT array_agg(id::text) FROM ids) AS c_id,
       (SELECT array_agg('COMPLETED'::text) FROM ids) AS c_outcome,
       (SELECT array_agg(now()::text) FROM ids) AS c_ended,
       (SELECT array_agg('MENU'::text) FROM ids) AS c_last;
SAVEPOINT s;
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF)
            WITH e AS (
                INSERT INTO call_event_batch (call_id, at, step, kind, detail)
                SELECT v.call_id, array_agg(v.at ORDER BY v.n), array_agg(v.step ORDER BY v.n),
                       array_agg(v.kind ORDER BY v.n), array_agg(v.detail ORDER BY v.n)
                FROM unnest((SELECT ev_call FROM args)::text[]::bigint[], (SELECT ev_at FROM args)::text[]::timestamptz[], (SELECT ev_step FROM args)::text[], (SELECT ev_kind FROM args)::text[], (SELECT ev_detail FROM args)::text[])
                         WITH ORDINALITY AS v (call_id, at, step, kind, detail, n)
                GROUP BY v.call_id
            )
            UPDATE hotline_call c
            SET outcome = v.outcome, ended_at = greatest(v.ended_at, c.started_at), last_step = v.last_step
            FROM unnest((SELECT c_id FROM args)::text[]::bigint[], (SELECT c_outcome FROM args)::text[], (SELECT c_ended FROM args)::text[]::timestamptz[], (SELECT c_last FROM args)::text[])
                     AS v (id, outcome, ended_at, last_step)
            WHERE c.id = v.id AND c.outcome = 'IN_PROGRESS'
              AND set_config('synchronous_commit', 'off', true) IS NOT NULL;
ROLLBACK TO SAVEPOINT s;
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF)
            WITH e AS (
                INSERT INTO call_event_batch (call_id, at, step, kind, detail)
                SELECT v.call_id, array_agg(v.at ORDER BY v.n), array_agg(v.step ORDER BY v.n),
                       array_agg(v.kind ORDER BY v.n), array_agg(v.detail ORDER BY v.n)
                FROM unnest((SELECT ev_call FROM args)::text[]::bigint[], (SELECT ev_at FROM args)::text[]::timestamptz[], (SELECT ev_step FROM args)::text[], (SELECT ev_kind FROM args)::text[], (SELECT ev_detail FROM args)::text[])
                         WITH ORDINALITY AS v (call_id, at, step, kind, detail, n)
                GROUP BY v.call_id
            )
            UPDATE hotline_call c
            SET outcome = v.outcome, ended_at = greatest(v.ended_at, c.started_at), last_step = v.last_step
            FROM unnest((SELECT c_id FROM args)::text[]::bigint[], (SELECT c_outcome FROM args)::text[], (SELECT c_ended FROM args)::text[]::timestamptz[], (SELECT c_last FROM args)::text[])
                     AS v (id, outcome, ended_at, last_step)
            WHERE c.id = v.id AND c.outcome = 'IN_PROGRESS'
              AND set_config('synchronous_commit', 'off', true) IS NOT NULL;
ROLLBACK;
