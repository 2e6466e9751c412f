-- League tables kept ready, cached in memory on every node (issue 16): each node keeps the decoded tables it served
-- and must drop one exactly when the database marks it stale or replaces it. These triggers tell every node, through
-- NOTIFY on the channel league_ready from the very transaction that marks or replaces tables (delivered when it
-- commits, never when it rolls back, in commit order): the payload is the ids of the tables concerned separated by
-- commas, or '*' when too many for one notification (a settings-wide mark, a reorganisation). A change of read_at
-- alone (a page viewed) moves no figure and notifies nobody. Statement-level triggers: one notification per
-- statement, however many tables the statement marks.
CREATE FUNCTION league_ready_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids text;
    n   int;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*), string_agg(o.id::text, ',') INTO n, ids FROM old_rows o;
    ELSE
        SELECT count(*), string_agg(nw.id::text, ',') INTO n, ids
        FROM new_rows nw JOIN old_rows o ON o.id = nw.id
        WHERE nw.stale IS DISTINCT FROM o.stale OR nw.generation IS DISTINCT FROM o.generation
           OR nw.computed_at IS DISTINCT FROM o.computed_at OR nw.settings IS DISTINCT FROM o.settings
           OR nw.mean_satisfaction IS DISTINCT FROM o.mean_satisfaction
           OR nw.mean_on_time IS DISTINCT FROM o.mean_on_time;
    END IF;
    IF n > 0 THEN
        -- A notification's payload is limited to 8000 bytes: beyond 500 ids, every node drops every table.
        PERFORM pg_notify('league_ready', CASE WHEN n > 500 THEN '*' ELSE ids END);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER league_ready_changed AFTER UPDATE ON league_ready
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION league_ready_notify();

CREATE TRIGGER league_ready_deleted AFTER DELETE ON league_ready
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION league_ready_notify();

-- A table's entries replaced (a refresh deletes and inserts them) with a header that may look the same (same instant,
-- same settings): its nodes drop it too.
CREATE FUNCTION league_row_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids text;
    n   int;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*), string_agg(r.ready_id::text, ',') INTO n, ids FROM (SELECT DISTINCT ready_id FROM old_rows) r;
    ELSE
        SELECT count(*), string_agg(r.ready_id::text, ',') INTO n, ids FROM (SELECT DISTINCT ready_id FROM new_rows) r;
    END IF;
    IF n > 0 THEN
        PERFORM pg_notify('league_ready', CASE WHEN n > 500 THEN '*' ELSE ids END);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER league_row_inserted AFTER INSERT ON league_row
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION league_row_notify();

CREATE TRIGGER league_row_deleted AFTER DELETE ON league_row
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION league_row_notify();
