#!/usr/bin/env bash
# The stale-trends refresh of two builds, A/B interleaved, on one database state (issue 16).
#
#   bench/tools/stale-refresh-ab.sh DATA_DIR LIB_A LIB_B [ROUNDS]
#
# DATA_DIR: a stopped PostgreSQL data directory (a copy of a benchmark's, with its marks: see the results file that
# used it); LIB_A/LIB_B: the lib/ of each build's extracted layout (java -Djarmode=tools -jar dancham.jar extract).
# Each run starts from a fresh copy of DATA_DIR on port 55432. Build A (the one from before score_snapshot_stale_subject)
# reads whole-period marks: for it, the subject marks are turned into marks of their periods first (what that
# build's writer would have marked). Prints per run: periods, wall time, the refresh thread's CPU, and PostgreSQL's
# CPU (its processes' and its exited backends', from /proc) during the run.
#
# MARKS="-v n=3 -v month=2026-10-01 -v seed=0.5": for a large DATA_DIR without marks (10 GB at 10 M ratings, too
# large to copy for every run). One copy is made, and before each run the marks are made on it by
# bench/tools/stale-marks-random.sql with these psql variables. A refresh takes its periods' rows again as they
# were, so every run starts from the same rows (their dead versions vacuumed away first). METHOD_B=refreshStaleExceptLarge
# times B's five-minute job instead of its nightly refresh; marks it leaves are removed before the next run.
#
# Both builds reading subject marks (A newer than score_snapshot_stale_subject): A_MARKS=subjects keeps A's marks as
# they are, and METHOD_A names A's method as METHOD_B does B's. APPLY_SQL=<file>: run once on the copy before the
# first run (a migration B needs, with its time printed); A then runs on the migrated database too.
set -euo pipefail
data=$1; lib_a=$2; lib_b=$3; rounds=${4:-3}
pg_bin=${PG_BIN:-$(dirname "$(find /tmp/embedded-pg -name postgres -type f -path '*/bin/*' | head -1)")}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here=$(cd "$(dirname "$0")" && pwd)
copy=/tmp/stale-refresh-ab-pg
export PGPASSWORD=postgres
psql_=(psql -h localhost -p 55432 -U postgres -d dancham -qtA)
hz=$(getconf CLK_TCK)

pg_cpu_ticks() { # every process of the cluster plus the postmaster's reaped children
    local pm; pm=$(head -1 "$copy/postmaster.pid")
    local total=0
    for p in $pm $(pgrep -P "$pm"); do
        [[ -r /proc/$p/stat ]] || continue
        read -r -a f < <(sed 's/^.*) //' "/proc/$p/stat")
        total=$((total + f[11] + f[12]))
        [[ $p == "$pm" ]] && total=$((total + f[13] + f[14]))
    done
    echo "$total"
}

pg_start() {
    rm -rf "$copy"; cp -a "$data" "$copy"; rm -f "$copy/postmaster.pid"; chown -R postgres "$copy"
    su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $copy -o '-p 55432 -c logging_collector=off' -l $copy.log start -w" >/dev/null
}

pg_stop() {
    su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $copy stop -m fast" >/dev/null
}

run() { # side lib
    local side=$1 lib=$2
    if [[ -z ${MARKS:-} ]]; then
        pg_start
    else
        # shellcheck disable=SC2086
        "${psql_[@]}" $MARKS -f "$here/stale-marks-random.sql" >/dev/null
    fi
    if [[ $side == A && ${A_MARKS:-periods} == periods ]]; then
        "${psql_[@]}" -c "INSERT INTO score_snapshot_stale (period_kind, period_start)
            SELECT DISTINCT period_kind, period_start FROM score_snapshot_stale_subject; DELETE FROM score_snapshot_stale_subject" >/dev/null
    fi
    "${psql_[@]}" -c "CHECKPOINT" >/dev/null
    local marks; marks=$("${psql_[@]}" -c "SELECT (SELECT count(*) FROM score_snapshot_stale) || ' whole-period marks, ' || (SELECT count(*) FROM score_snapshot_stale_subject) || ' subject marks'")
    local c0; c0=$(pg_cpu_ticks)
    local method=${METHOD_A:-refreshStale}; [[ $side == B ]] && method=${METHOD_B:-refreshStale}
    local out; out=$("$java" -cp "$lib/*" "$here/StaleRefresh.java" jdbc:postgresql://localhost:55432/dancham postgres postgres "$method" 2>/dev/null | grep '^refreshStale')
    local c1; c1=$(pg_cpu_ticks)
    echo "$side ($marks): $out, PostgreSQL CPU $(( (c1 - c0) * 1000 / hz )) ms"
    if [[ -z ${MARKS:-} ]]; then
        pg_stop
    else
        local left; left=$("${psql_[@]}" -c "SELECT count(*) FROM score_snapshot_stale_subject")
        [[ $left == 0 ]] || echo "  ($left subject marks left for the night, removed)"
        "${psql_[@]}" -c "DELETE FROM score_snapshot_stale_subject; DELETE FROM score_snapshot_stale" >/dev/null
        "${psql_[@]}" -c "VACUUM (ANALYZE) score_snapshot" >/dev/null
    fi
}

echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg); A=$lib_a B=$lib_b${MARKS:+; marks: $MARKS}"
if [[ -n ${MARKS:-} ]]; then
    pg_start
    trap pg_stop EXIT
    if [[ -n ${APPLY_SQL:-} ]]; then
        t0=$(date +%s%N)
        "${psql_[@]}" -v ON_ERROR_STOP=1 -1 -f "$APPLY_SQL" >/dev/null
        echo "applied $APPLY_SQL in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
        "${psql_[@]}" -c "VACUUM (ANALYZE) rating_target" >/dev/null
    fi
    "${psql_[@]}" -c "VACUUM (ANALYZE) score_snapshot" >/dev/null
fi
for ((i = 1; i <= rounds; i++)); do
    run A "$lib_a"
    run B "$lib_b"
done
