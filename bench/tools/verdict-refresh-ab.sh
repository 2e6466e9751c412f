#!/usr/bin/env bash
# What one complaint verdict costs the five-minute job after it, two builds on one copy of a database (issue 16).
#
#   bench/tools/verdict-refresh-ab.sh DATA_DIR LIB_A LIB_B [SIDES]
#
# DATA_DIR: a stopped PostgreSQL data directory of the scores benchmark, maintained (snapshots taken, league tables
# prepared: BENCH_SCORES_STEPS=maintenance); LIB_A/LIB_B: the lib/ of each build's extracted layout
# (java -Djarmode=tools -jar dancham.jar extract). One copy is made (10 GB at 10 M ratings), on port 55432;
# APPLY_SQL=<file> runs once on it first (a migration both builds need, with its time printed). Then, for each side of
# SIDES (default "A B B A"), bench/tools/VerdictRefresh.java of that build confirms the same complaint again and
# times the refreshes after it. REUSE=1 starts from the copy an earlier run left (migrated then) instead of copying
# again. A verdict that confirms what was confirmed changes no figure, so every run finds the
# same rows; the dead row versions of a run are vacuumed before the next. TOOL=AnswerRefresh.java times one applied
# answer's league refreshes instead (the page view, the rating writer's refresh, the five-minute job).
set -euo pipefail
data=$1; lib_a=$2; lib_b=$3; sides=${4:-A B B A}
pg_bin=${PG_BIN:-$(dirname "$(find /tmp/embedded-pg -name postgres -type f -path '*/bin/*' | head -1)")}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here=$(cd "$(dirname "$0")" && pwd)
copy=/tmp/verdict-refresh-ab-pg
export PGPASSWORD=postgres
psql_=(psql -h localhost -p 55432 -U postgres -d dancham -qtA)

if [[ ${REUSE:-} == 1 && -d $copy ]]; then
    unset APPLY_SQL  # the copy of an earlier run, migrated then
else
    rm -rf "$copy"; cp -a "$data" "$copy"; rm -f "$copy/postmaster.pid"; chown -R postgres "$copy"
fi
su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $copy -o '-p 55432 -c logging_collector=off' -l $copy.log start -w" >/dev/null
trap 'su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $copy stop -m fast" >/dev/null' EXIT
if [[ -n ${APPLY_SQL:-} ]]; then
    t0=$(date +%s)
    "${psql_[@]}" -v ON_ERROR_STOP=1 -f "$APPLY_SQL" >/dev/null
    echo "applied $APPLY_SQL in $(( $(date +%s) - t0 )) s"
fi
"${psql_[@]}" -c "VACUUM (ANALYZE)" >/dev/null
for side in $sides; do
    lib=$lib_a; [[ $side == B ]] && lib=$lib_b
    "${psql_[@]}" -c "CHECKPOINT" >/dev/null
    echo "$side ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)):"
    "$java" -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true -cp "$lib/*" "$here/${TOOL:-VerdictRefresh.java}" jdbc:postgresql://localhost:55432/dancham postgres postgres \
        "$copy/postmaster.pid" 2>/dev/null
    for t in score_snapshot league_ready league_row; do "${psql_[@]}" -c "VACUUM (ANALYZE) $t" >/dev/null; done
done
