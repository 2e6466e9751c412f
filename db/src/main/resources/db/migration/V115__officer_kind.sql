-- Which kind of work an officer does, so league tables compare like with like (issue 12, item 5): counter staff of
-- the one-stop office (bộ phận một cửa) receive dossiers and return results, and get the attitude answers and an
-- almost automatic on-time rate; specialists (chuyên viên) of a department examine and approve, and get mostly
-- timeliness answers. Ranked in one table, the specialists filled the bottom.
--
-- officer.kind is set when known (the demo, an import, an administrator); NULL means "derive it": a department's
-- officers are specialists, a one-stop or commune office's are counter staff. officer_work is that derivation,
-- the one place every reader takes an officer's kind from.
ALTER TABLE officer ADD COLUMN kind text CHECK (kind IN ('COUNTER', 'SPECIALIST'));

-- Existing data: a department officer who is the receiving officer of a dossier works at a counter.
UPDATE officer f SET kind = 'COUNTER'
FROM office o
WHERE o.id = f.office_id AND o.kind = 'DEPARTMENT'
  AND EXISTS (SELECT 1 FROM dossier d WHERE d.receiving_officer_id = f.id);

CREATE VIEW officer_work AS
SELECT f.id AS officer_id,
       coalesce(f.kind, CASE WHEN o.kind = 'DEPARTMENT' THEN 'SPECIALIST' ELSE 'COUNTER' END) AS kind
FROM officer f
JOIN office o ON o.id = f.office_id;
