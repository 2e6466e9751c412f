-- Subject marks as n late answers about ratings of one past month would make them (issue 16): the subjects of n
-- ratings drawn at random (repeatable: setseed) from the month, marked for their ended week and month
-- (stale-marks-of-picked.sql). For a database without marks, such as the scores benchmark's at 10 M ratings after
-- its maintenance run. Used by bench/results/2026-12-05-stale-refresh-10m.md:
--
--   psql … -v n=3 -v month=2026-10-01 -v seed=0.5 -f bench/tools/stale-marks-random.sql
SELECT setseed(:seed);
CREATE TEMP TABLE picked AS
SELECT id, dossier_id, given_at FROM rating
WHERE given_at >= (:'month'::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
  AND given_at < ((:'month'::date) + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
ORDER BY random() LIMIT :n;
\ir stale-marks-of-picked.sql
