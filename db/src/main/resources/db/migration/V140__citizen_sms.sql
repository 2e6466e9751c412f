-- The citizen hears back by SMS (issue 17): apologies with a new date, invitations to rate, answers and status by
-- SMS reply, opt-out. The messages themselves go through the outbox (sms_message, purposes added by V100); these
-- tables say which dossier each one was about, so the dossier's page shows them and each goes once.

-- Numbers that texted TC / STOP: no invitation or apology goes to them again. What they ask for themselves (the
-- status of their dossier) is still answered.
CREATE TABLE sms_opt_out (
    phone         text PRIMARY KEY,                 -- E.164, as Twilio sends it
    opted_out_at  timestamptz NOT NULL,
    inbound_id    bigint REFERENCES sms_inbound (id)
);

-- Every SMS to or from a citizen, on the dossier's timeline. An outbound row points at its outbox message; an
-- inbound one at the SMS received; a row with neither records what was deliberately not sent (opted out, limit).
CREATE TABLE citizen_message (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id      bigint REFERENCES dossier (id) ON DELETE CASCADE,
    office_id       bigint REFERENCES office (id),
    kind            text        NOT NULL CHECK (kind IN ('APOLOGY', 'INVITATION', 'ANSWERS', 'STATUS', 'CORRECTION',
                                    'OPT_OUT', 'HELP')),
    direction       text        NOT NULL CHECK (direction IN ('OUT', 'IN', 'NOT_SENT')),
    phone           text        NOT NULL,
    -- The apology's lateness episode (the due time that passed) or 'RETURNED' for the invitation: one of each.
    episode         text,
    sms_message_id  bigint REFERENCES sms_message (id),
    sms_inbound_id  bigint REFERENCES sms_inbound (id),
    -- Why it was not sent, or what an inbound SMS did (e.g. how many answers were recorded).
    detail          text,
    at              timestamptz NOT NULL
);
CREATE UNIQUE INDEX citizen_message_once_idx ON citizen_message (dossier_id, kind, episode)
    WHERE kind IN ('APOLOGY', 'INVITATION') AND direction IN ('OUT', 'NOT_SENT');
CREATE INDEX citizen_message_dossier_idx ON citizen_message (dossier_id, at);
CREATE INDEX citizen_message_phone_idx ON citizen_message (phone, at);
CREATE INDEX citizen_message_office_idx ON citizen_message (office_id, kind, at);

-- Texts an administrator changed at /admin/settings; a kind without a row uses the built-in default.
CREATE TABLE citizen_sms_template (
    kind        text PRIMARY KEY,
    body        text        NOT NULL CHECK (length(body) BETWEEN 1 AND 480),
    updated_at  timestamptz NOT NULL,
    updated_by  text
);

-- The new expected return date the one-stop system gives a late dossier (phiếu hẹn lại); null when not given.
ALTER TABLE dossier ADD COLUMN new_due_at timestamptz;
