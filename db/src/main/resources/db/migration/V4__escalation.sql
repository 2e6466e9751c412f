-- Duty roster, incidents with their timeline, the SMS outbox and inbound messages.

CREATE TABLE duty_shift (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Exactly one of unit (district/province) or office.
    admin_unit_id  bigint REFERENCES admin_unit (id),
    office_id      bigint REFERENCES office (id),
    -- 1 = office head, 2 = district vice-chair, 3 = district chair (escalation order).
    level          smallint    NOT NULL CHECK (level BETWEEN 1 AND 9),
    person_name    text        NOT NULL,
    phone          text        NOT NULL CHECK (phone ~ '^\+?[0-9]{9,15}$'),
    user_id        bigint REFERENCES app_user (id),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    note           text,
    CHECK (ends_at > starts_at),
    CHECK ((admin_unit_id IS NULL) <> (office_id IS NULL))
);
CREATE INDEX duty_shift_office_idx ON duty_shift (office_id, starts_at, ends_at);
CREATE INDEX duty_shift_unit_idx ON duty_shift (admin_unit_id, starts_at, ends_at);

CREATE TABLE escalation_policy (
    severity       text    PRIMARY KEY CHECK (severity IN ('URGENT', 'WARNING', 'LOW')),
    wait_seconds   integer NOT NULL CHECK (wait_seconds > 0),
    max_level      smallint NOT NULL CHECK (max_level BETWEEN 1 AND 9),
    repeats        smallint NOT NULL CHECK (repeats BETWEEN 0 AND 10),
    -- LOW concerns go into the daily digest instead of waking someone at night.
    daily_digest   boolean NOT NULL DEFAULT false
);

CREATE TABLE incident (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Short code a leader replies with ("OK 4821"); unique among incidents that can still be acknowledged.
    code             text        NOT NULL CHECK (code ~ '^[0-9]{4}$'),
    kind             text        NOT NULL CHECK (kind IN ('HARASSMENT_REPORT', 'LOWEST_ATTITUDE', 'LOW_SCORE',
                                     'SCORE_DROP', 'MISSED_LEADER_CALL', 'COMPLAINT_OVERDUE')),
    severity         text        NOT NULL CHECK (severity IN ('URGENT', 'WARNING', 'LOW')),
    subject_type     text        NOT NULL CHECK (subject_type IN ('OFFICER', 'OFFICE', 'UNIT')),
    subject_id       bigint      NOT NULL,
    office_id        bigint REFERENCES office (id),
    admin_unit_id    bigint      NOT NULL REFERENCES admin_unit (id),
    title            text        NOT NULL,
    details          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    state            text        NOT NULL DEFAULT 'OPEN' CHECK (state IN
                                     ('OPEN', 'NOTIFIED', 'ACKNOWLEDGED', 'RESOLVED', 'UNACKNOWLEDGED')),
    level            smallint    NOT NULL DEFAULT 0,
    round            smallint    NOT NULL DEFAULT 0,
    occurrences      integer     NOT NULL DEFAULT 1 CHECK (occurrences >= 1),
    opened_at        timestamptz NOT NULL,
    last_occurred_at timestamptz NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    resolved_at      timestamptz,
    resolution_note  text
);
-- One open incident per subject and kind: a repeat adds to it.
CREATE UNIQUE INDEX incident_open_subject_uq ON incident (kind, subject_type, subject_id)
    WHERE state IN ('OPEN', 'NOTIFIED', 'UNACKNOWLEDGED');
CREATE UNIQUE INDEX incident_open_code_uq ON incident (code)
    WHERE state IN ('OPEN', 'NOTIFIED', 'UNACKNOWLEDGED');
CREATE INDEX incident_state_idx ON incident (state, opened_at);
CREATE INDEX incident_unit_idx ON incident (admin_unit_id, opened_at);

CREATE TABLE incident_event (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id  bigint      NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL,
    kind         text        NOT NULL,
    actor        text,
    detail       text
);
CREATE INDEX incident_event_incident_idx ON incident_event (incident_id, at);

CREATE TABLE sms_message (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Written in the same transaction as the incident step that caused it; the dispatcher sends it.
    idempotency_key  text        NOT NULL UNIQUE,
    incident_id      bigint REFERENCES incident (id),
    to_phone         text        NOT NULL,
    body             text        NOT NULL,
    encoding         text        NOT NULL CHECK (encoding IN ('GSM7', 'UCS2')),
    segments         smallint    NOT NULL CHECK (segments >= 1),
    -- SIMULATED: no Twilio credentials, stored and shown in the web UI as not sent.
    state            text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENDING', 'SENT',
                                     'DELIVERED', 'FAILED', 'UNDELIVERED', 'SIMULATED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    provider_sid     text UNIQUE,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    status_at        timestamptz
);
CREATE INDEX sms_message_due_idx ON sms_message (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');
CREATE INDEX sms_message_incident_idx ON sms_message (incident_id);

CREATE TABLE sms_inbound (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_sid  text        NOT NULL UNIQUE,
    from_phone    text        NOT NULL,
    to_phone      text,
    body          text        NOT NULL,
    received_at   timestamptz NOT NULL,
    incident_id   bigint REFERENCES incident (id),
    result        text        NOT NULL
);
