-- The subject marks a hotline benchmark's run made (issue 16), made again on a copy of its database after the run:
-- every answer superseded by one given in the last 2 hours marks its subjects' ended week and month, as the
-- rating writer does (stale-marks-of-picked.sql). The refresh that ran in the run had cleared them. For a few marks
-- only, add ORDER BY id LIMIT 3 to the selection. Used by bench/results/2026-12-05-stale-refresh.md.
CREATE TEMP TABLE picked AS
SELECT id, dossier_id, given_at FROM rating
WHERE status = 'SUPERSEDED' AND superseded_by IN (SELECT id FROM rating WHERE given_at > now() - interval '2 hours');
\ir stale-marks-of-picked.sql
