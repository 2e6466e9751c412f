-- A complaint shown as "Đã giao" (ASSIGNED) always names the person it was given to (issue 15). The inbox API
-- already sets both together; rows written otherwise (imports, hand edits) could show "Đã giao" to nobody.
-- Such rows go back to NEW, where the inbox lists them as waiting for someone.
UPDATE complaint SET status = 'NEW' WHERE status = 'ASSIGNED' AND assignee_id IS NULL;
ALTER TABLE complaint ADD CONSTRAINT complaint_assigned_has_assignee
    CHECK (status <> 'ASSIGNED' OR assignee_id IS NOT NULL);
