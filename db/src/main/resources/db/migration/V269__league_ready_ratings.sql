-- League tables resting on very many answers (issue 16, docs/scoring.md § 9d): at 10 million ratings the country's
-- tables (its offices, its districts, the fields) each cost about a minute to compute, and every answer marks them.
-- The header keeps how many ratings the table rests on (the sum of its entries' sample sizes), so that the policy
-- (ScoreQueries / BroadLeagues) can leave such tables to the periodic job and serve them as stored meanwhile, without
-- reading their entries. Null until the table is computed again: counted as small. The column is not one the
-- notification triggers of V245 compare, so filling it notifies nobody.
ALTER TABLE league_ready ADD COLUMN ratings bigint;

UPDATE league_ready h SET ratings = s.n
FROM (SELECT ready_id, sum(ratings) AS n FROM league_row GROUP BY ready_id) s
WHERE s.ready_id = h.id;
