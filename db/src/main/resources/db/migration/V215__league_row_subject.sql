-- An officer's page from one read (issue 16, docs/scoring.md "Pages from one read"): the officer's figures are in
-- the rows of the fresh officer tables that hold them (each league_row.entry is the member's whole score), found by
-- the officer. The same index lets a change about an officer mark the tables that list them wherever they work now.
CREATE INDEX league_row_subject_idx ON league_row (subject_id);
