-- A call's events were one row each: about 15 rows per call, each with two index entries — the most rows the
-- hotline wrote per call (14.9 of 25.6 in bench/results/2026-12-02-1657-fastagi-small.md, issue 16). They are
-- written together anyway (the call buffers them and writes them in one statement at hang-up, or every 32 events /
-- 10 s) and read per call or in bulk by operators, never one by one: one row per write now, the events as parallel
-- arrays in the order they happened. The view call_event shows them one per row, as the table did, with the write
-- (batch_id) and the place in it (seq) to order them by.
CREATE TABLE call_event_batch (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id bigint        NOT NULL REFERENCES hotline_call (id) ON DELETE CASCADE,
    at      timestamptz[] NOT NULL,
    step    text[]        NOT NULL,
    kind    text[]        NOT NULL,
    -- One per event, null where the event has none.
    detail  text[]        NOT NULL,
    CONSTRAINT call_event_batch_events CHECK (
        cardinality(at) >= 1 AND cardinality(step) = cardinality(at) AND cardinality(kind) = cardinality(at)
        AND cardinality(detail) = cardinality(at)
        AND array_position(at, NULL) IS NULL AND array_position(step, NULL) IS NULL),
    CONSTRAINT call_event_batch_kind CHECK (
        kind <@ ARRAY['STEP', 'PROMPT', 'KEY', 'TIMEOUT', 'INVALID', 'ERROR', 'HANGUP']::text[])
);
CREATE INDEX call_event_batch_call_idx ON call_event_batch (call_id);

-- The events already logged, one batch per call in their order.
INSERT INTO call_event_batch (call_id, at, step, kind, detail)
SELECT call_id, array_agg(at ORDER BY id), array_agg(step ORDER BY id), array_agg(kind ORDER BY id),
       array_agg(detail ORDER BY id)
FROM call_event
GROUP BY call_id
ORDER BY min(id);

DROP TABLE call_event;

CREATE VIEW call_event AS
SELECT b.id AS batch_id, e.seq::integer AS seq, b.call_id, e.at, e.step, e.kind, e.detail
FROM call_event_batch b
         CROSS JOIN LATERAL unnest(b.at, b.step, b.kind, b.detail) WITH ORDINALITY AS e (at, step, kind, detail, seq);
