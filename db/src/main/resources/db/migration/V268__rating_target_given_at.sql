-- A target carries its rating's time (issue 16). A score read for a few offices or officers in one period (the
-- five-minute refresh of late answers' trend points, a league table computed live, an officer's page) started from
-- the subjects' targets: rating_target had no time, so it read every target the office or officer ever had, then
-- each rating by key to keep the period's. At 10 million ratings an office has about 10,000 targets a year: 0.38 s
-- for one office's week in a statement log (bench/results/2026-12-05-stale-refresh-10m.md), growing with the years
-- kept. With the time beside the subject in the index, the read takes the period's targets only.
--
-- The time is the rating's given_at, copied when the targets are written (the rating writer takes it from the rating
-- it inserts in the same statement) and moved with it by the trigger below, should a rating's time ever change (no
-- path does today).
--
-- The backfill rewrites every target, the table locked meanwhile: 491 s on the bench's 10 million ratings (about 10
-- million targets; bench/results/2026-12-05-rating-target-time.md), seconds at a province's size. Run it in a quiet
-- hour.
--
-- The subject's own indexes gain the time; the old ones were their prefixes (MigrationsIT refuses such a pair). The
-- officer index led with (officer_id, rating_id) for reads by officer; every read by officer it served, the new one
-- serves, and an EXISTS by rating and officer goes through the primary key. They are dropped before the backfill,
-- which would otherwise add an entry to each for every row it rewrites, and the new ones built after it.
DROP INDEX rating_target_office_idx;
DROP INDEX rating_target_officer_rating_idx;

ALTER TABLE rating_target ADD COLUMN given_at timestamptz;

UPDATE rating_target t SET given_at = r.given_at FROM rating r WHERE r.id = t.rating_id;

ALTER TABLE rating_target ALTER COLUMN given_at SET NOT NULL;

CREATE INDEX rating_target_office_given_idx ON rating_target (office_id, given_at);
CREATE INDEX rating_target_officer_given_idx ON rating_target (officer_id, given_at) WHERE officer_id IS NOT NULL;

CREATE FUNCTION rating_target_given_at_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rating_target SET given_at = NEW.given_at WHERE rating_id = NEW.id;
    RETURN NULL;
END $$;

-- Fires only for an UPDATE that names given_at and changes it: the writer's and HR's updates of a status never do.
CREATE TRIGGER rating_given_at_moved AFTER UPDATE OF given_at ON rating
    FOR EACH ROW WHEN (OLD.given_at IS DISTINCT FROM NEW.given_at)
    EXECUTE FUNCTION rating_target_given_at_moved();
