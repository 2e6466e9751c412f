-- The subject marks a hotline benchmark's run made (issue 16), made again on a copy of its database after the run:
-- every answer superseded by one given in the last 2 hours marks its subjects' ended week and month, as the
-- rating writer does (StaleSnapshots.MARK_SUBJECTS over the aggregates' contributions). The refresh that ran in
-- the run had cleared them. For a few marks only, replace the WHERE clause's condition by
-- r.id IN (SELECT id FROM rating WHERE status = 'SUPERSEDED' AND superseded_by IN (SELECT id FROM rating
-- WHERE given_at > now() - interval '2 hours') ORDER BY id LIMIT 3). Used by bench/results/2026-12-05-stale-refresh.md.
INSERT INTO score_snapshot_stale_subject (period_kind, period_start, subject_type, subject_id)
SELECT DISTINCT p.kind, p.start, x.subject_type, x.subject_id
FROM (SELECT (r.given_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, s.subject_type, s.subject_id FROM rating r
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
            ) s
      WHERE r.status = 'SUPERSEDED' AND r.superseded_by IN (SELECT id FROM rating WHERE given_at > now() - interval '2 hours')) x (day, subject_type, subject_id)
CROSS JOIN LATERAL (VALUES ('WEEK', date_trunc('week', x.day)::date, interval '1 week'),
                           ('MONTH', date_trunc('month', x.day)::date, interval '1 month')) p (kind, start, length)
WHERE p.start + p.length <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
  AND EXISTS (SELECT 1 FROM score_snapshot s WHERE s.period_kind = p.kind AND s.period_start = p.start)
ORDER BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;
