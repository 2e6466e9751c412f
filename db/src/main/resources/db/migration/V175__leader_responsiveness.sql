-- The hotline's own responsiveness (issue 18): every time the hotline rang the leaders on duty for a caller, one row
-- per person rung (a level's people are rung together), with what Asterisk said (DIALSTATUS). Until now only the
-- missed calls were kept (as incidents); an answered one left a free-text note on the call, which no report can
-- count. What counts as answered or missed is decided when reading (LeaderAnswerPolicy), so a changed rule
-- applies to past weeks too.
CREATE TABLE leader_dial (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id        bigint      NOT NULL REFERENCES hotline_call (id) ON DELETE CASCADE,
    office_id      bigint REFERENCES office (id),
    -- The district the call was about (the office's district, else its own unit): whose leaders are measured.
    admin_unit_id  bigint REFERENCES admin_unit (id),
    level          smallint    NOT NULL CHECK (level BETWEEN 1 AND 9),
    person_name    text        NOT NULL,
    phone          text        NOT NULL,
    -- DIALSTATUS as Asterisk gave it; '' when the hotline got none (the AGI connection failed mid-dial).
    dial_status    text        NOT NULL,
    ring_seconds   integer     CHECK (ring_seconds >= 0),
    at             timestamptz NOT NULL
);
CREATE INDEX leader_dial_at_idx ON leader_dial (at);
CREATE INDEX leader_dial_call_idx ON leader_dial (call_id);

-- A district's leaders who answered too few calls put through to them in an ISO week: one concern per district
-- and week (score_concern's primary key), an incident of its own kind.
ALTER TABLE score_concern DROP CONSTRAINT score_concern_kind_check;
ALTER TABLE score_concern ADD CONSTRAINT score_concern_kind_check
    CHECK (kind IN ('LOW_SCORE', 'SCORE_DROP', 'LEADER_CALLS_UNANSWERED'));
ALTER TABLE incident DROP CONSTRAINT incident_kind_check;
ALTER TABLE incident ADD CONSTRAINT incident_kind_check CHECK (kind IN ('HARASSMENT_REPORT', 'LOWEST_ATTITUDE',
    'LOW_SCORE', 'SCORE_DROP', 'MISSED_LEADER_CALL', 'COMPLAINT_OVERDUE', 'LEADER_CALLS_UNANSWERED'));
