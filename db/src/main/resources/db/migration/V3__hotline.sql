-- Calls on the hotline, every step and key, ratings and complaints.

CREATE TABLE hotline_call (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asterisk_unique_id  text        NOT NULL UNIQUE,
    caller_number       text,
    caller_withheld     boolean     NOT NULL DEFAULT false,
    dnis                text,
    channel             text,
    node                text,
    started_at          timestamptz NOT NULL,
    ended_at            timestamptz,
    outcome             text        NOT NULL DEFAULT 'IN_PROGRESS' CHECK (outcome IN
                            ('IN_PROGRESS', 'COMPLETED', 'ABANDONED', 'TRANSFERRED', 'FAILED', 'INTERRUPTED')),
    last_step           text,
    CHECK (ended_at IS NULL OR ended_at >= started_at),
    CHECK ((outcome = 'IN_PROGRESS') = (ended_at IS NULL))
);
CREATE INDEX hotline_call_started_idx ON hotline_call (started_at);
CREATE INDEX hotline_call_caller_idx ON hotline_call (caller_number, started_at);
CREATE INDEX hotline_call_open_idx ON hotline_call (started_at) WHERE outcome = 'IN_PROGRESS';

CREATE TABLE call_event (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id   bigint      NOT NULL REFERENCES hotline_call (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL,
    step      text        NOT NULL,
    kind      text        NOT NULL CHECK (kind IN ('STEP', 'PROMPT', 'KEY', 'TIMEOUT', 'INVALID', 'ERROR', 'HANGUP')),
    detail    text
);
CREATE INDEX call_event_call_idx ON call_event (call_id, at);

CREATE TABLE rating_question (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text    NOT NULL UNIQUE,
    -- What the answer is about; it decides to whom the rating is attributed.
    criterion  text    NOT NULL CHECK (criterion IN ('ATTITUDE', 'TIMELINESS', 'OVERALL')),
    seq        integer NOT NULL,
    prompt_vi  text    NOT NULL,
    prompt_en  text    NOT NULL,
    active     boolean NOT NULL DEFAULT true
);

CREATE TABLE rating (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id        bigint REFERENCES hotline_call (id),
    dossier_id     bigint REFERENCES dossier (id),
    office_id      bigint      NOT NULL REFERENCES office (id),
    -- The officer the rating is attributed to by the attribution rules (null: office-level only).
    officer_id     bigint REFERENCES officer (id),
    question_id    bigint      NOT NULL REFERENCES rating_question (id),
    criterion      text        NOT NULL CHECK (criterion IN ('ATTITUDE', 'TIMELINESS', 'OVERALL')),
    value          smallint    NOT NULL CHECK (value BETWEEN 1 AND 5),
    caller_number  text,
    -- VERIFIED: caller number equals the applicant's phone; WITHHELD: no caller number.
    identity       text        NOT NULL CHECK (identity IN ('VERIFIED', 'UNVERIFIED', 'WITHHELD')),
    verified       boolean     GENERATED ALWAYS AS (identity = 'VERIFIED') STORED,
    channel        text        NOT NULL DEFAULT 'PHONE' CHECK (channel IN ('PHONE', 'WEB', 'IMPORT')),
    given_at       timestamptz NOT NULL,
    -- COUNTED goes into scores; SUPERSEDED was replaced by a later answer of the same caller for the same
    -- dossier and question (history kept); FLAGGED is held out until HR reviews it; REJECTED was reviewed invalid.
    status         text        NOT NULL DEFAULT 'COUNTED'
                       CHECK (status IN ('COUNTED', 'SUPERSEDED', 'FLAGGED', 'REJECTED')),
    flag_reason    text,
    superseded_by  bigint REFERENCES rating (id),
    reviewed_by    bigint REFERENCES app_user (id),
    reviewed_at    timestamptz
);
CREATE INDEX rating_officer_given_idx ON rating (officer_id, given_at);
CREATE INDEX rating_office_given_idx ON rating (office_id, given_at);
CREATE INDEX rating_dossier_idx ON rating (dossier_id, question_id, caller_number);
CREATE INDEX rating_caller_given_idx ON rating (caller_number, given_at);
CREATE INDEX rating_call_idx ON rating (call_id);
CREATE INDEX rating_flagged_idx ON rating (given_at) WHERE status = 'FLAGGED';

CREATE TABLE complaint (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id            bigint REFERENCES hotline_call (id),
    dossier_id         bigint REFERENCES dossier (id),
    office_id          bigint REFERENCES office (id),
    officer_id         bigint REFERENCES officer (id),
    kind               text        NOT NULL CHECK (kind IN ('COMPLAINT', 'HARASSMENT', 'LEADER_MESSAGE')),
    caller_number      text,
    -- Path relative to the recordings directory; never an absolute path.
    recording_path     text CHECK (recording_path IS NULL OR (recording_path !~ '(^/|\.\.)')),
    recording_seconds  integer CHECK (recording_seconds >= 0),
    recording_state    text        NOT NULL DEFAULT 'NONE'
                           CHECK (recording_state IN ('NONE', 'RECORDED', 'FAILED', 'DELETED')),
    status             text        NOT NULL DEFAULT 'NEW'
                           CHECK (status IN ('NEW', 'ASSIGNED', 'ANSWERED', 'RESOLVED')),
    assignee_id        bigint REFERENCES app_user (id),
    response           text,
    responded_at       timestamptz,
    deadline_at        timestamptz NOT NULL,
    created_at         timestamptz NOT NULL,
    resolved_at        timestamptz
);
CREATE INDEX complaint_status_deadline_idx ON complaint (status, deadline_at);
CREATE INDEX complaint_officer_idx ON complaint (officer_id, created_at);
CREATE INDEX complaint_office_idx ON complaint (office_id, created_at);
CREATE INDEX complaint_call_idx ON complaint (call_id);
