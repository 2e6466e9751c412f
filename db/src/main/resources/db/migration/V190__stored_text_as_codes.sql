-- Text stored for people to read later, as a message code and its arguments (issue 19): {"code": "…", "args": […]},
-- rendered in the reader's language from the web's message bundles, so an English reader does not see Vietnamese
-- and the words can be changed without touching rows. The old text columns stay: rows written before keep their
-- words and are shown as they are. incident.summary also stays written: it is what the alert SMS says (Vietnamese).
-- An incident's worded facts (who was rung, the concern's detail, the period) sit in incident.details as objects
-- of the same shape beside the plain ones.
ALTER TABLE incident ADD COLUMN title_message jsonb;
ALTER TABLE incident ADD COLUMN summary_message jsonb;
ALTER TABLE incident_event ADD COLUMN detail_message jsonb;
ALTER TABLE audit_log ADD COLUMN detail_message jsonb;
