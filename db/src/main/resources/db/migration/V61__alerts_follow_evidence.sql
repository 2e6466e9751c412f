-- Alerts follow the evidence: the answers behind an incident raised by a single answer (LOWEST_ATTITUDE), so that
-- when they are later held out by the eligibility rules the incident is withdrawn and leaders already texted are
-- told (docs/escalation.md "Withdrawn alerts").
CREATE TABLE incident_rating (
    incident_id bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    rating_id   bigint NOT NULL REFERENCES rating (id),
    PRIMARY KEY (incident_id, rating_id)
);
CREATE INDEX incident_rating_rating_idx ON incident_rating (rating_id);

ALTER TABLE sms_message DROP CONSTRAINT sms_message_purpose_check;
ALTER TABLE sms_message ADD CONSTRAINT sms_message_purpose_check CHECK (purpose IN ('ALERT', 'DIGEST', 'WITHDRAWAL'));
