-- A complaint or harassment report is evidence to be checked, not a finding. It counts against an officer only
-- when a complaint handler confirms it and names the officer(s); an unfounded one stops counting; until then it
-- is pending and shown, but left out of every score. complaint.officer_id stays as the officer the caller named
-- (if any); the scoring reads the officers the handler named in complaint_officer.
ALTER TABLE complaint
    ADD COLUMN verdict      text NOT NULL DEFAULT 'PENDING'
                                CHECK (verdict IN ('PENDING', 'CONFIRMED', 'UNFOUNDED')),
    ADD COLUMN verdict_note text CHECK (verdict_note IS NULL OR length(verdict_note) <= 2000),
    ADD COLUMN verdict_by   bigint REFERENCES app_user (id),
    ADD COLUMN verdict_at   timestamptz,
    ADD CONSTRAINT complaint_verdict_given_check
        CHECK (verdict = 'PENDING' OR (verdict_at IS NOT NULL AND verdict_note IS NOT NULL));

CREATE TABLE complaint_officer (
    complaint_id bigint NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    officer_id   bigint NOT NULL REFERENCES officer (id),
    PRIMARY KEY (complaint_id, officer_id)
);
CREATE INDEX complaint_officer_officer_idx ON complaint_officer (officer_id);

CREATE INDEX complaint_confirmed_idx ON complaint (created_at) WHERE verdict = 'CONFIRMED';
