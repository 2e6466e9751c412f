-- ANALYZE of call_event_batch spent most of its time on the four event arrays: per-element statistics (most common
-- elements, their frequencies, a histogram of the arrays' lengths) from a 30,000-row sample, each text element
-- compared and hashed. Autovacuum runs it every time the table grows by a tenth, which on a busy hotline is every
-- few minutes; a perf profile of the hotline at eight lines without think time found two autovacuum workers doing it
-- with 6 % of PostgreSQL's CPU (issue 16). No query filters or joins on these arrays (the table is read by call_id;
-- the call_event view unnests them, and a set-returning function's rows are estimated without the column's
-- statistics), so the planner has no use for them. call_id and id keep theirs.
ALTER TABLE call_event_batch
    ALTER COLUMN at SET STATISTICS 0,
    ALTER COLUMN step SET STATISTICS 0,
    ALTER COLUMN kind SET STATISTICS 0,
    ALTER COLUMN detail SET STATISTICS 0;
