-- A league table's entries kept as the text the scoring core wrote (json) rather than parsed (jsonb) (issue 16,
-- docs/scoring.md § 9c): nothing queries inside an entry but the refresh's one figure of the period before, and a
-- page's read hands every entry back as text. As jsonb each entry was rendered into text again at every read: for
-- a table of 700 entries of 1.1 kB, the province's districts at the country size, the statement took 8.04 and 7.88
-- ms (p50) against 3.13 and 3.31 ms as json (embedded PostgreSQL 18; ScaleMeasurementIT.aLargeTableFirstRead). The
-- rewrite takes the existing entries as jsonb renders them, which the scoring core reads alike.
ALTER TABLE league_row ALTER COLUMN entry TYPE json USING entry::json;
