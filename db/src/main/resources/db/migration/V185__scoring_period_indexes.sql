-- Issue 16: the nightly job reads every subject of a type for one period (snapshots, concern checks). The primary
-- keys lead with the subject, so such a read scanned every day of every subject; these lead with the day.
CREATE INDEX rating_daily_type_day_idx ON rating_daily (subject_type, day);
CREATE INDEX stage_daily_type_day_idx ON stage_daily (subject_type, day);

-- The per-call sums of a period for all subjects start from the period's counted ratings (ScoreReader).
CREATE INDEX rating_counted_given_idx ON rating (given_at) WHERE status = 'COUNTED';

-- Stages open past their due time at a period's end: only stages still open or finished late can be, a minority
-- (ScoreReader.OVERDUE_OPEN_STAGES repeats this predicate so the planner can use the index).
CREATE INDEX dossier_stage_overdue_idx ON dossier_stage (due_at) WHERE finished_at IS NULL OR finished_at > due_at;
