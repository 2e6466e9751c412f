#!/usr/bin/env bash
# What marking trend points stale costs the rating writer (issue 16), on a copy of a benchmark's database:
#
#   bench/tools/stale-mark-cost.sh DATA_DIR [REPEATS]
#
# For the 200 latest answers superseded before 2026-11-20 (the writer subtracts such answers' contributions and
# marks their periods), in one transaction rolled back at the end, interleaved, REPEATS times (default 15; the first
# of each is left out):
#   A  the contributions alone (the aggregates' CTE c, as Aggregates.applyRatings computes it);
#   D  A, then the whole-period mark as its own statement (the build before migration V267);
#   B  A, then the subject mark as its own statement, working out the answers' subjects again;
#   C  the contributions with the subject mark as a CTE over c (Aggregates.apply since 59ae540).
# Prints each one's median and lowest time (psql's \timing, client side, local socket).
set -euo pipefail
data=$1; repeats=${2:-15}
pg_bin=${PG_BIN:-$(dirname "$(find /tmp/embedded-pg -name postgres -type f -path '*/bin/*' | head -1)")}
copy=/tmp/stale-mark-cost-pg
export PGPASSWORD=postgres
rm -rf "$copy"; cp -a "$data" "$copy"; rm -f "$copy/postmaster.pid"; chown -R postgres "$copy"
su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $copy -o '-p 55432 -c logging_collector=off' -l $copy.log start -w" >/dev/null
trap 'su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $copy stop -m fast" >/dev/null' EXIT
python3 - "$repeats" > /tmp/stale-mark-cost.sql <<'PY'
import sys
zone = "'Asia/Ho_Chi_Minh'"
subjects = """CROSS JOIN LATERAL (
    SELECT 'OFFICER' AS subject_type, t.officer_id AS subject_id FROM rating_target t
    WHERE t.rating_id = r.id AND t.officer_id IS NOT NULL
    UNION SELECT 'OFFICE', t.office_id FROM rating_target t WHERE t.rating_id = r.id
    UNION SELECT 'UNIT', ou.unit_id FROM rating_target t JOIN office_unit ou ON ou.office_id = t.office_id
          WHERE t.rating_id = r.id
    UNION SELECT 'FIELD', p.field_id FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.id = r.dossier_id) s"""
ids = "r.id = ANY(ARRAY(SELECT id FROM ids))"
c = f"""SELECT s.subject_type, s.subject_id, (r.given_at AT TIME ZONE {zone})::date AS day, r.criterion, r.identity,
    sum(CASE WHEN r.value = 1 THEN 1 ELSE 0 END) AS n1 FROM rating r {subjects} WHERE {ids} GROUP BY 1, 2, 3, 4, 5"""
periods = f"""CROSS JOIN LATERAL (VALUES ('WEEK', date_trunc('week', x.day)::date, interval '1 week'),
    ('MONTH', date_trunc('month', x.day)::date, interval '1 month')) p (kind, start, length)
    WHERE p.start + p.length <= (now() AT TIME ZONE {zone})::date
    AND EXISTS (SELECT 1 FROM score_snapshot s WHERE s.period_kind = p.kind AND s.period_start = p.start)"""
def mark_subjects(rows):
    return f"""INSERT INTO score_snapshot_stale_subject (period_kind, period_start, subject_type, subject_id)
    SELECT DISTINCT p.kind, p.start, x.subject_type, x.subject_id FROM ({rows}) x (day, subject_type, subject_id)
    {periods} ORDER BY 1, 2, 3, 4
    ON CONFLICT (period_kind, period_start, subject_type, subject_id) DO UPDATE SET marked_at = clock_timestamp()"""
whole = f"""INSERT INTO score_snapshot_stale (period_kind, period_start) SELECT DISTINCT p.kind, p.start
    FROM (SELECT DISTINCT (r.given_at AT TIME ZONE {zone})::date FROM rating r WHERE {ids}) x (day) {periods}
    ON CONFLICT (period_kind, period_start) DO UPDATE SET marked_at = clock_timestamp()"""
alone = f"WITH c AS ({c}) SELECT count(*) FROM c;\n"
steps = {
    'A': alone,
    'D': alone + whole + ";\n",
    'B': alone + mark_subjects(f"SELECT (r.given_at AT TIME ZONE {zone})::date, s.subject_type, s.subject_id "
                               f"FROM rating r {subjects} WHERE {ids}") + ";\n",
    'C': f"WITH c AS ({c}), m AS ({mark_subjects('SELECT DISTINCT day, subject_type, subject_id FROM c')}) "
         "SELECT count(*) FROM c;\n",
}
out = ["CREATE TEMP TABLE ids AS SELECT id FROM rating WHERE status = 'SUPERSEDED' AND given_at < '2026-11-20' "
       "ORDER BY id DESC LIMIT 200;", "\\timing on", "BEGIN;"]
for _ in range(int(sys.argv[1])):
    for k, sql in steps.items():
        out.append(f"\\echo step {k}")
        out.append(sql)
out.append("ROLLBACK;")
print("\n".join(out))
PY
psql -h localhost -p 55432 -U postgres -d dancham -q -f /tmp/stale-mark-cost.sql 2>&1 | python3 -c '
import sys, statistics
res, cur, acc = {}, None, 0.0
for line in (l.strip() for l in sys.stdin):
    if line.startswith("step "):
        if cur: res.setdefault(cur, []).append(acc)
        cur, acc = line.split()[1], 0.0
    elif line.startswith("Time:"):
        acc += float(line.split()[1])
res.setdefault(cur, []).append(acc)
names = {"A": "contributions alone", "D": "+ whole-period mark (before V267)",
         "B": "+ subject mark as its own statement", "C": "contributions with the subject mark as a CTE"}
for k in "ADBC":
    v = res[k][1:]
    print(f"{k} {names[k]}: median {statistics.median(v):.2f} ms, lowest {min(v):.2f} ms (n={len(v)})")
'
