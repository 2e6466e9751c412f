-- A harassment report's incident (and its SMS to the leader on duty) is opened just after the report is stored,
-- no longer in the caller's transaction (issue 16: one durable write on the caller's time, everything else after).
-- The report is stored marked incident_due; the opener on any node claims marked reports (FOR UPDATE SKIP LOCKED),
-- opens each one's incident and clears the mark in one transaction, so each report opens its incident exactly once
-- whichever node, crash or retry gets there. Reports stored before this migration opened theirs already.
ALTER TABLE complaint
    ADD COLUMN incident_due boolean NOT NULL DEFAULT false,
    -- A report whose incident could not be opened for a reason other than the database being away (a bug, a
    -- constraint): set aside with the reason, so it does not block the reports after it; the report itself is kept.
    ADD COLUMN incident_failed_at timestamptz,
    ADD COLUMN incident_failure text;

-- The opener's claim and the operators' gauges: the few reports waiting or set aside, never a scan of every complaint.
CREATE INDEX complaint_incident_due_idx ON complaint (id) WHERE incident_due;
