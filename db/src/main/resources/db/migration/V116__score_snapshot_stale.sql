-- Trend points that no longer tell the truth (issue 12, item 6): a week or month whose stored snapshot was taken
-- before a late change to what it counts (a stage edited or imported with past times, a held answer released by
-- HR, an earlier answer superseded, a complaint verdict). Marked in the transaction that made the change; the
-- scoring maintenance takes those periods' snapshots again (every few minutes and nightly) and removes the mark.
CREATE TABLE score_snapshot_stale (
    period_kind  text        NOT NULL CHECK (period_kind IN ('WEEK', 'MONTH')),
    period_start date        NOT NULL,
    marked_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (period_kind, period_start)
);
