-- Time-only changes of the league tables kept ready, marked when they happen (issue 16, docs/scoring.md § 9a).
-- A running period's figures move with time alone: a stage still open when its due time (plus the grace) passes
-- counts as late from then on (§ 5b). Until now nothing marked that, so every table of a running window was
-- computed again once half an hour old (at 10 million ratings the five-minute job computed all 7,209 tables every
-- half hour) and a page computed any such table once an hour old. Now a job marks the tables of the stages whose
-- due time passed (and of the overdue ones whose recorded finishing time passed), and this row says up to which
-- instant it has: a table computed since then, or not marked, is exact up to that instant.
-- Null until the first run, which starts from the oldest fresh table's time.
CREATE TABLE league_clock (
    only_row       boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    marked_through timestamptz
);
INSERT INTO league_clock DEFAULT VALUES;

-- The stages finished late, by finishing time: those recorded with a finishing time still to come count as open and
-- overdue until it passes (the marks read them by it; dossier_stage_overdue_idx reads the others by due time).
CREATE INDEX dossier_stage_late_finish_idx ON dossier_stage (finished_at) WHERE finished_at > due_at;
