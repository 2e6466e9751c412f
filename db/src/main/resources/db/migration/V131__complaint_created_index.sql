-- Complaints by time (the scores pages' complaint counts per period, the inbox by date): without this index every
-- league page scanned the whole complaint table twice (issue 16). The office and officer indexes lead with their
-- id, so they cannot serve a period across all offices.
CREATE INDEX complaint_created_idx ON complaint (created_at);
