-- The rating writer's claim (issue 16): the oldest waiting answers, read in the order they were kept from the
-- waiting index, stopping at the batch. Reading that index in order is the right plan at every size of the inbox,
-- but the planner chooses by its statistics, and a queue's say little of its next backlog: an inbox never analysed
-- while it held answers (a new installation, until autovacuum analyses it during a backlog) has no statistics on
-- failed_at, and the planner guesses that 0.5 % of the rows wait; set-aside answers in an analysed sample can leave
-- the same guess. Behind a backlog it then read every waiting answer and sorted them all to claim one batch (all of
-- 24,764 rows read for a batch of 500 in RatingPipelineIT, 56 ms a batch behind 130,000 answers), and the catch-up
-- slowed as the backlog grew. Sorting is switched off for this statement alone (a function's SET clause lasts for
-- its call): the only plans left read an index in order.
CREATE FUNCTION rating_inbox_claim(batch integer) RETURNS SETOF rating_inbox
    LANGUAGE sql VOLATILE SET enable_sort = off AS $$
    SELECT * FROM rating_inbox WHERE failed_at IS NULL ORDER BY id LIMIT batch FOR UPDATE SKIP LOCKED
$$;
