-- The rating writer's claim (issue 16): the oldest waiting answers, read in the order they were kept from the
-- waiting index, stopping at the batch. Reading that index in order is the right plan at every size of the inbox,
-- but the planner chooses by its statistics, and a queue's statistics are nearly always wrong: autovacuum finds the
-- inbox drained, and an inbox never analysed while it held answers has no statistics on failed_at at all, so the
-- planner guesses that 0.5 % of the rows wait. Behind a backlog it then read every waiting answer and sorted them
-- all to claim one batch (65,764 rows read for a batch of 500 in RatingPipelineIT, about 50 ms a batch behind
-- 130,000 answers), and the catch-up slowed as the backlog grew. Sorting is switched off for this statement alone
-- (a function's SET clause lasts for its call): the only plans left read an index in order.
CREATE FUNCTION rating_inbox_claim(batch integer) RETURNS SETOF rating_inbox
    LANGUAGE sql VOLATILE SET enable_sort = off AS $$
    SELECT * FROM rating_inbox WHERE failed_at IS NULL ORDER BY id LIMIT batch FOR UPDATE SKIP LOCKED
$$;
