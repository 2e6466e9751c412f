-- A rating's references are checked where they can break, on delete, instead of on every insert (issue 16).
--
-- The rating writer inserts a batch of ratings and their targets in one statement. Each row's foreign keys ran
-- PostgreSQL's referential-integrity check: a query per key per row that also locks the referenced row (FOR KEY SHARE:
-- a WAL record, and the referenced page dirtied). A hotline call made 13.2 of them
-- (bench/results/2026-12-04-0838-fastagi-small-pg-stat-statements.md), about 7 µs of CPU each
-- (bench/tools/statement-cost.sh). Every id these keys hold is read from its row in the same transaction before it is
-- written: the dossier, its stages and their officers (attribution), the office (checked by the batch), the question
-- (looked up by code), the call (the inbox's answer carries the id the call's row was given), a superseded rating
-- (read by the batch), a target's rating (inserted by the same statement). What the keys still guarded is the other
-- end: no application code deletes an office, officer, dossier, stage, question, call or rating, but an operator
-- could, and a score must never count an answer whose officer is gone. Those deletes are refused here, as the keys
-- refused them (SQLSTATE 23503), by one check per DELETE statement rather than one per inserted row; a deleted
-- rating takes its targets with it, as ON DELETE CASCADE did. The keys of rarely written columns (rating.reviewed_by,
-- complaint's, call events') stay.
--
-- What this gives up: the key's lock also stopped a delete that raced an insert of a reference to the same row (the
-- delete's check cannot see the insert until it commits). Nothing in the application deletes these rows; an operator
-- who does so by hand must stop the hotline first (docs/reliability.md, "Known limits").
DO $$
DECLARE
    k record;
BEGIN
    FOR k IN
        SELECT c.conrelid::regclass AS t, c.conname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
          AND (c.conrelid = 'rating'::regclass
                   AND a.attname IN ('call_id', 'dossier_id', 'office_id', 'officer_id', 'question_id', 'superseded_by')
               OR c.conrelid = 'rating_target'::regclass
                   AND a.attname IN ('rating_id', 'office_id', 'officer_id', 'stage_id'))
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', k.t, k.conname);
    END LOOP;
END $$;

-- One function for every referenced table: TG_ARGV names what references it, as "table.column" pairs.
CREATE FUNCTION rating_reference_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ref text;
    found bigint;
BEGIN
    FOREACH ref IN ARRAY TG_ARGV LOOP
        EXECUTE format('SELECT g.id FROM gone g WHERE EXISTS (SELECT 1 FROM %s x WHERE x.%I = g.id) LIMIT 1',
                       split_part(ref, '.', 1), split_part(ref, '.', 2))
            INTO found;
        IF found IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                MESSAGE = format('%s %s is still referenced from %s', TG_TABLE_NAME, found, ref),
                HINT = 'Ratings keep every office, officer, dossier, stage, question and call they refer to.';
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER hotline_call_rating_guard AFTER DELETE ON hotline_call REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION rating_reference_guard('rating.call_id');
CREATE TRIGGER dossier_rating_guard AFTER DELETE ON dossier REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION rating_reference_guard('rating.dossier_id');
CREATE TRIGGER office_rating_guard AFTER DELETE ON office REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION rating_reference_guard('rating.office_id', 'rating_target.office_id');
CREATE TRIGGER officer_rating_guard AFTER DELETE ON officer REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION rating_reference_guard('rating.officer_id', 'rating_target.officer_id');
CREATE TRIGGER rating_question_rating_guard AFTER DELETE ON rating_question REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION rating_reference_guard('rating.question_id');
CREATE TRIGGER dossier_stage_rating_guard AFTER DELETE ON dossier_stage REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION rating_reference_guard('rating_target.stage_id');

-- A deleted rating: its targets go with it (the cascade the key had), then no other rating may still name it as the
-- answer that superseded it (the key had no action there: refused).
CREATE FUNCTION rating_targets_of_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM rating_target t USING gone g WHERE t.rating_id = g.id;
    RETURN NULL;
END $$;

CREATE TRIGGER rating_targets_deleted AFTER DELETE ON rating REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION rating_targets_of_deleted();
CREATE TRIGGER rating_superseded_guard AFTER DELETE ON rating REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION rating_reference_guard('rating.superseded_by');
