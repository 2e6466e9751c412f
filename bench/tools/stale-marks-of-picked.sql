-- Marks the subjects of the ratings in a temporary table `picked` (id, dossier_id, given_at) for their ended week and
-- month, as the rating writer marks a superseded answer's subjects (StaleSnapshots over the aggregates'
-- contributions: its officers and offices, their units, the dossier's field), and lists the marks per period.
-- Included (\ir) by stale-marks-from-run.sql and stale-marks-random.sql, which fill `picked`.
INSERT INTO score_snapshot_stale_subject (period_kind, period_start, subject_type, subject_id)
SELECT DISTINCT p.kind, p.start, x.subject_type, x.subject_id
FROM (SELECT (r.given_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, s.subject_type, s.subject_id FROM picked r
            CROSS JOIN LATERAL (
                SELECT 'OFFICER' AS subject_type, t.officer_id AS subject_id
                FROM rating_target t WHERE t.rating_id = r.id AND t.officer_id IS NOT NULL
                UNION
                SELECT 'OFFICE', t.office_id FROM rating_target t WHERE t.rating_id = r.id
                UNION
                SELECT 'UNIT', ou.unit_id
                FROM rating_target t JOIN office_unit ou ON ou.office_id = t.office_id WHERE t.rating_id = r.id
                UNION
                SELECT 'FIELD', p.field_id
                FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.id = r.dossier_id
            ) s) x (day, subject_type, subject_id)
CROSS JOIN LATERAL (VALUES ('WEEK', date_trunc('week', x.day)::date, interval '1 week'),
                           ('MONTH', date_trunc('month', x.day)::date, interval '1 month')) p (kind, start, length)
WHERE p.start + p.length <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
  AND EXISTS (SELECT 1 FROM score_snapshot s WHERE s.period_kind = p.kind AND s.period_start = p.start)
ORDER BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;
SELECT m.period_kind, m.period_start, count(*) AS marked,
       (SELECT count(*) FROM score_snapshot s WHERE s.period_kind = m.period_kind AND s.period_start = m.period_start)
           AS snapshot_rows
FROM score_snapshot_stale_subject m GROUP BY 1, 2 ORDER BY 1, 2;
