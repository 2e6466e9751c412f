-- The area a leader answers for (issue 15): a LEADER with a district acknowledges and resolves that district's
-- incidents and edits its duty roster only; a LEADER without one (or with the province) acts on the whole province.
ALTER TABLE app_user ADD COLUMN admin_unit_id bigint REFERENCES admin_unit (id);
