-- Escalation at run time: when an incident is looked at next, what the SMS said in short, who each SMS went to,
-- bundling of several alerts into one SMS, and cancelled messages. Policies seeded with the documented defaults.

ALTER TABLE incident ADD COLUMN summary text NOT NULL DEFAULT '';
-- When escalation looks at the incident next (wait over, or a message failed for good); null = not escalating.
-- The escalation job reads this column: timers are rows, so any node can run them and none is lost with a node.
ALTER TABLE incident ADD COLUMN next_step_at timestamptz;
CREATE INDEX incident_next_step_idx ON incident (next_step_at) WHERE next_step_at IS NOT NULL;

-- A repeat while someone is already handling it (ACKNOWLEDGED) adds to that incident instead of opening another.
DROP INDEX incident_open_subject_uq;
CREATE UNIQUE INDEX incident_open_subject_uq ON incident (kind, subject_type, subject_id)
    WHERE state IN ('OPEN', 'NOTIFIED', 'ACKNOWLEDGED', 'UNACKNOWLEDGED');

ALTER TABLE sms_message ADD COLUMN recipient_name text;
-- The roster level and round of the escalation step that wrote the message (null for digests and replies).
ALTER TABLE sms_message ADD COLUMN level smallint;
ALTER TABLE sms_message ADD COLUMN round smallint;
ALTER TABLE sms_message ADD COLUMN purpose text NOT NULL DEFAULT 'ALERT' CHECK (purpose IN ('ALERT', 'DIGEST'));
-- BUNDLED: sent inside another message to the same phone (rate limit / bundling window).
ALTER TABLE sms_message ADD COLUMN bundled_into bigint REFERENCES sms_message (id);
ALTER TABLE sms_message ADD COLUMN error_code integer;
-- One alert in short ("KHẨN 4821: …"), from which bundles are composed; body is what is (to be) sent.
ALTER TABLE sms_message ADD COLUMN alert_text text;
ALTER TABLE sms_message DROP CONSTRAINT sms_message_state_check;
ALTER TABLE sms_message ADD CONSTRAINT sms_message_state_check CHECK (state IN ('PENDING', 'SENDING', 'SENT',
    'DELIVERED', 'FAILED', 'UNDELIVERED', 'SIMULATED', 'BUNDLED', 'CANCELLED'));
ALTER TABLE sms_message ADD CONSTRAINT sms_message_bundled_check CHECK ((state = 'BUNDLED') = (bundled_into IS NOT NULL));
CREATE INDEX sms_message_to_sent_idx ON sms_message (to_phone, sent_at);
CREATE INDEX sms_message_bundled_idx ON sms_message (bundled_into) WHERE bundled_into IS NOT NULL;

-- What we answered to an inbound SMS.
ALTER TABLE sms_inbound ADD COLUMN reply text;

INSERT INTO escalation_policy (severity, wait_seconds, max_level, repeats, daily_digest) VALUES
    ('URGENT', 300, 3, 2, false),
    ('WARNING', 1800, 3, 1, false),
    ('LOW', 86400, 1, 0, true)
ON CONFLICT (severity) DO NOTHING;
