-- The answers the per-officer eligibility rules weigh (docs/scoring.md "Threat model and eligibility rules": the
-- caller–officer limit, the officer's share of anonymous callers, the low cluster): every COUNTED answer from a caller
-- who is not the applicant (identity other than VERIFIED), once for each officer it is attributed to, by officer and
-- time. The rating writer reads it for the officers of every batch, the one-by-one path for every answer (issue 16).
--
-- They used to be found through rating_target (officer_id, rating_id): every answer ever attributed to the officers,
-- each rating then read to drop the held, superseded and old ones. That read grew with an officer's whole history and,
-- worse, with every answer the rules had already held: a flood of held answers against an officer (a rival with borrowed
-- phones) made every later batch that touched the officer read the whole flood again. Here the read is bounded by what
-- counts within the window, whatever is thrown at an officer.
--
-- Kept by the database itself, in the transaction that changes a rating or adds its targets, whichever path does it
-- (the writer's batches, the one-by-one path, HR's reviews, imports, the bench's data): a rating's status, identity and
-- given_at decide whether it is here; its targets decide for whom.
CREATE TABLE rating_officer_evidence (
    officer_id bigint      NOT NULL,
    given_at   timestamptz NOT NULL,
    rating_id  bigint      NOT NULL,
    PRIMARY KEY (officer_id, given_at, rating_id)
);

-- The one definition of what is evidence, for the triggers and the backfill below and the bench's bulk load (the
-- tests' check spells it out on its own, to check this one): a plain SQL expression the planner inlines.
CREATE FUNCTION rating_is_officer_evidence(status text, identity text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT status = 'COUNTED' AND identity <> 'VERIFIED' $$;

-- Each statement below reaches rating and rating_target by key, one rating at a time (a lateral subquery the planner
-- may not flatten, or a loop): joined as a set, the rating side was planned from the transition table's size when the
-- function's plan was first made and from whatever statistics rating had, and after a bulk insert it read every
-- counted rating to add one (BoundedFactsIT saw 3,001 ratings fetched for one answer).
CREATE FUNCTION rating_officer_evidence_of_targets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rating_officer_evidence (officer_id, given_at, rating_id)
    SELECT DISTINCT t.officer_id, r.given_at, t.rating_id
    FROM new_targets t
    CROSS JOIN LATERAL (SELECT r.given_at FROM rating r
                        WHERE r.id = t.rating_id AND rating_is_officer_evidence(r.status, r.identity)
                        OFFSET 0) r
    WHERE t.officer_id IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER rating_target_evidence AFTER INSERT ON rating_target
    REFERENCING NEW TABLE AS new_targets
    FOR EACH STATEMENT EXECUTE FUNCTION rating_officer_evidence_of_targets();

-- A rating that stopped being evidence (superseded, held, rejected) loses its entries; one that became evidence (HR
-- released it) gains them; one whose time moved is moved. One rating at a time: a batch changes a few hundred at
-- most, and each step is a lookup by key whatever the planner knows of the transition tables.
CREATE FUNCTION rating_officer_evidence_of_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT id, was_at, now_at, was, now
        FROM (SELECT n.id, o.given_at AS was_at, n.given_at AS now_at,
                     rating_is_officer_evidence(o.status, o.identity) AS was,
                     rating_is_officer_evidence(n.status, n.identity) AS now
              FROM old_ratings o JOIN new_ratings n ON n.id = o.id) AS changed
        WHERE was <> now OR now AND was_at <> now_at
    LOOP
        IF c.was THEN
            DELETE FROM rating_officer_evidence
            WHERE officer_id IN (SELECT officer_id FROM rating_target WHERE rating_id = c.id)
              AND given_at = c.was_at AND rating_id = c.id;
        END IF;
        IF c.now THEN
            INSERT INTO rating_officer_evidence (officer_id, given_at, rating_id)
            SELECT DISTINCT officer_id, c.now_at, c.id FROM rating_target
            WHERE rating_id = c.id AND officer_id IS NOT NULL
            ON CONFLICT DO NOTHING;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

-- Every UPDATE of rating (transition tables cannot go with a column list); an update that changes none of the three
-- columns finds no rating to loop over.
CREATE TRIGGER rating_evidence AFTER UPDATE ON rating
    REFERENCING OLD TABLE AS old_ratings NEW TABLE AS new_ratings
    FOR EACH STATEMENT EXECUTE FUNCTION rating_officer_evidence_of_ratings();

-- No code deletes a rating; should anyone, its entries go with it (a sequential scan of this table per statement).
CREATE FUNCTION rating_officer_evidence_of_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM rating_officer_evidence e USING old_ratings o WHERE e.rating_id = o.id;
    RETURN NULL;
END $$;

CREATE TRIGGER rating_evidence_deleted AFTER DELETE ON rating
    REFERENCING OLD TABLE AS old_ratings
    FOR EACH STATEMENT EXECUTE FUNCTION rating_officer_evidence_of_deleted();

INSERT INTO rating_officer_evidence (officer_id, given_at, rating_id)
SELECT DISTINCT t.officer_id, r.given_at, r.id
FROM rating r JOIN rating_target t ON t.rating_id = r.id
WHERE t.officer_id IS NOT NULL AND rating_is_officer_evidence(r.status, r.identity);
