-- Whether a league table kept ready was marked only because time passed since it was computed (issue 16,
-- docs/scoring.md § 9a): an open stage reaching its due time moves the running period's figures, never the period
-- before's (its stages are judged at its end, and what a table keeps of it is each member's satisfaction, from
-- ratings). Such a table is computed again from its running period alone, each member's figure of the period before
-- kept as stored: at 10 million ratings that read was up to half of the cost of the tables time marks every five
-- minutes. Any other mark (an answer, a stage, a verdict, an office moved, new settings) clears it.
ALTER TABLE league_ready ADD COLUMN time_only boolean NOT NULL DEFAULT false;
