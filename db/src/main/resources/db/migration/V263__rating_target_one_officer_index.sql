-- rating_target kept two indexes on the officer: V20's (officer_id) and V60's (officer_id, rating_id), both for the
-- rows that name an officer. Every read by officer that the first served, the second serves (its leading column is
-- the same, with the same predicate); the first only cost writes: an entry for each attributed answer the rating
-- writer applies, about 1.75 per hotline call on the bench (issue 16). MigrationsIT now refuses such a pair.
DROP INDEX rating_target_officer_idx;
