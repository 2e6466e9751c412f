-- What the per-officer eligibility rules read is what they can weigh, not every counted answer about the officer
-- (issue 16). Of an officer's counted answers from callers who are not the applicant, the rules weigh only:
-- an anonymous caller's (the officer's share of anonymous callers), a low one (the cluster: value at most
-- low-cluster-max-value) and the new answer's own caller's (the caller–officer limit); EligibilityPolicy says so in
-- weighsOfficerAnswer, and EligibilityPolicyTest checks that leaving the others out changes no decision. A busy officer
-- whose citizens call from a relative's phone has a month of good answers from callers who knew the applicant's digits
-- (KNOWN): no rule weighs another caller's good answer, yet every writer batch about the officer read all of them
-- (BoundedFactsIT: 3,000 ratings fetched for one answer). So every batch cost more as the month filled up.
--
-- weight orders the evidence by what can weigh it: 0 for an anonymous caller's answer, its value otherwise. "Anonymous
-- or low" is then weight <= low-cluster-max-value, one range of the primary key per officer, whatever that setting is
-- changed to. The new answer's own caller's answers come from rating by caller number (the index below: counted
-- answers of callers other than the applicant, at most the daily cap a day per number).

-- The one definition, for the triggers, the backfill and the bench's bulk load.
CREATE FUNCTION rating_officer_evidence_weight(identity text, value smallint) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN identity IN ('UNVERIFIED', 'WITHHELD') THEN 0::smallint ELSE value END $$;

ALTER TABLE rating_officer_evidence ADD COLUMN weight smallint;
UPDATE rating_officer_evidence e SET weight = rating_officer_evidence_weight(r.identity, r.value)
FROM rating r WHERE r.id = e.rating_id;
ALTER TABLE rating_officer_evidence ALTER COLUMN weight SET NOT NULL;
ALTER TABLE rating_officer_evidence DROP CONSTRAINT rating_officer_evidence_pkey;
ALTER TABLE rating_officer_evidence ADD PRIMARY KEY (officer_id, weight, given_at, rating_id);

CREATE INDEX rating_caller_evidence_idx ON rating (caller_number, given_at)
    WHERE status = 'COUNTED' AND identity <> 'VERIFIED';

CREATE OR REPLACE FUNCTION rating_officer_evidence_of_targets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rating_officer_evidence (officer_id, weight, given_at, rating_id)
    SELECT DISTINCT t.officer_id, r.weight, r.given_at, t.rating_id
    FROM new_targets t
    CROSS JOIN LATERAL (SELECT rating_officer_evidence_weight(r.identity, r.value) AS weight, r.given_at
                        FROM rating r
                        WHERE r.id = t.rating_id AND rating_is_officer_evidence(r.status, r.identity)
                        OFFSET 0) r
    WHERE t.officer_id IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- As V261's, with the weight in the key: a rating whose identity or value was changed by hand is moved too.
CREATE OR REPLACE FUNCTION rating_officer_evidence_of_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT id, was_at, now_at, was_weight, now_weight, was, now
        FROM (SELECT n.id, o.given_at AS was_at, n.given_at AS now_at,
                     rating_officer_evidence_weight(o.identity, o.value) AS was_weight,
                     rating_officer_evidence_weight(n.identity, n.value) AS now_weight,
                     rating_is_officer_evidence(o.status, o.identity) AS was,
                     rating_is_officer_evidence(n.status, n.identity) AS now
              FROM old_ratings o JOIN new_ratings n ON n.id = o.id) AS changed
        WHERE was <> now OR now AND (was_at <> now_at OR was_weight <> now_weight)
    LOOP
        IF c.was THEN
            DELETE FROM rating_officer_evidence
            WHERE officer_id IN (SELECT officer_id FROM rating_target WHERE rating_id = c.id)
              AND weight = c.was_weight AND given_at = c.was_at AND rating_id = c.id;
        END IF;
        IF c.now THEN
            INSERT INTO rating_officer_evidence (officer_id, weight, given_at, rating_id)
            SELECT DISTINCT officer_id, c.now_weight, c.now_at, c.id FROM rating_target
            WHERE rating_id = c.id AND officer_id IS NOT NULL
            ON CONFLICT DO NOTHING;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
