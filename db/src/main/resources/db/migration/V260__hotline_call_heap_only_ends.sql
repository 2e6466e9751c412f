-- A call's end sets its outcome, and outcome was in the predicate of hotline_call_open_idx (open calls, for the
-- start-up sweep): PostgreSQL cannot make an update of a column an index depends on "heap-only", so every end wrote a
-- new entry in each of the table's five indexes (0 heap-only updates of 6,962 ends in
-- bench/results/2026-12-03-mixed-threads-and-call-ends.md; issue 16). Every call is inserted once and updated once
-- (more for a long call's last step), on the caller's time; the sweep runs once when a node starts. The sweep now
-- reads the table (a sequential scan: about 17 MB per 100,000 calls), and the table leaves a tenth of each page free
-- so that a call's end finds room beside its row (the room a page's earlier ends leave is pruned as calls arrive).
DROP INDEX hotline_call_open_idx;
ALTER TABLE hotline_call SET (fillfactor = 90);
