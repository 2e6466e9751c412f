-- Trend points made stale subject by subject (issue 16). A late answer or stage edit changes the figures of the
-- subjects it counts for (its officers, offices, their units, the dossier's field), not those of every subject in
-- its week and month; the refresh takes again only these subjects' snapshot rows. Whole periods stay marked in
-- score_snapshot_stale for changes whose reach is not worked out (a complaint verdict).
CREATE TABLE score_snapshot_stale_subject (
    period_kind  text        NOT NULL CHECK (period_kind IN ('WEEK', 'MONTH')),
    period_start date        NOT NULL,
    subject_type text        NOT NULL CHECK (subject_type IN ('OFFICER', 'OFFICE', 'UNIT', 'FIELD')),
    subject_id   bigint      NOT NULL,
    marked_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (period_kind, period_start, subject_type, subject_id)
);

