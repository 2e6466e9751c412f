#!/usr/bin/env bash
# What one statement costs the machine, by kind (issue 16): a primary-key read, and a one-row INSERT committed on its
# own (the rating inbox's shape: a text key with a unique index) with synchronous_commit on (an fsync of the WAL per
# commit, as the hotline's answers) and off. Each over TCP on 127.0.0.1 (how the application connects) and over the
# Unix socket. pgbench, 4 clients, 8 s each, three rounds; the CPU is the whole machine's (pgbench's own included) from
# /proc/stat, divided by the transactions pgbench completed. Not a benchmark of the application: it tells what a
# statement saved or moved is worth, e.g. that acknowledging an answer from a local fsync'd file instead of a
# committed INSERT would save the statement but not the fsync. Then what a foreign-key check costs: 100-row INSERTs
# (the rating writer's shape) into a table with five foreign keys and into one without, CPU per row.
#
#   bench/tools/statement-cost.sh [<directory with PostgreSQL's bin/postgres, bin/initdb, bin/pg_ctl>]
#   (default: the embedded PostgreSQL that zonky unpacked under /tmp/embedded-pg; pgbench from the distribution)
set -euo pipefail
bin=${1:-$(dirname "$(ls -d /tmp/embedded-pg/*/bin/postgres | head -1)")}
[ -x "$bin/postgres" ] || { echo "no PostgreSQL binaries in $bin" >&2; exit 1; }
command -v pgbench > /dev/null || { echo "pgbench not found (apt-get install postgresql-client)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/statement-cost.XXXXXX")
chmod 777 "$work"
as=()
# PostgreSQL refuses to run as root: run it as nobody then.
[ "$(id -u)" = 0 ] && as=(su nobody -s /bin/bash -c)
run() { if [ ${#as[@]} -gt 0 ]; then "${as[@]}" "$*"; else bash -c "$*"; fi; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/sock" && chmod 777 "$work/sock"
run "$bin/initdb -D $work/data -U postgres -A trust > $work/initdb.log 2>&1"
run "$bin/pg_ctl -D $work/data -l $work/postgres.log -o '-p $port -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories=$work/sock -c shared_buffers=128MB' start > /dev/null"
trap 'run "$bin/pg_ctl -D $work/data stop -m fast > /dev/null" || true; rm -rf "$work"' EXIT
psql() { command psql -X -q -h 127.0.0.1 -p "$port" -U postgres "$@" postgres; }
pgbench -i -s 5 -q -h 127.0.0.1 -p "$port" -U postgres postgres > /dev/null 2>&1
psql -c "CREATE TABLE inbox (id bigserial PRIMARY KEY, k text UNIQUE, v int, t timestamptz DEFAULT now())"
echo "INSERT INTO inbox (k, v) VALUES (md5(random()::text), 3);" > "$work/insert.sql"
# The rating writer's shape for foreign keys: 100 rows per transaction, each naming rows of five small tables (four of
# 1,000 rows, one of 5, as offices, officers, dossiers, calls and questions), with the five foreign keys and without.
psql <<'SQL'
CREATE TABLE r1 (id bigint PRIMARY KEY); CREATE TABLE r2 (id bigint PRIMARY KEY); CREATE TABLE r3 (id bigint PRIMARY KEY);
CREATE TABLE r4 (id bigint PRIMARY KEY); CREATE TABLE r5 (id bigint PRIMARY KEY);
INSERT INTO r1 SELECT generate_series(1, 1000); INSERT INTO r2 SELECT generate_series(1, 1000);
INSERT INTO r3 SELECT generate_series(1, 1000); INSERT INTO r4 SELECT generate_series(1, 1000);
INSERT INTO r5 SELECT generate_series(1, 5);
CREATE TABLE with_keys (id bigserial PRIMARY KEY, a bigint REFERENCES r1, b bigint REFERENCES r2,
                        c bigint REFERENCES r3, d bigint REFERENCES r4, e bigint REFERENCES r5, v int);
CREATE TABLE without_keys (id bigserial PRIMARY KEY, a bigint, b bigint, c bigint, d bigint, e bigint, v int);
SQL
for t in with_keys without_keys; do
  echo "INSERT INTO $t (a, b, c, d, e, v) SELECT 1 + (random() * 999)::int, 1 + (random() * 999)::int,
          1 + (random() * 999)::int, 1 + (random() * 999)::int, 1 + (random() * 4)::int, 3
        FROM generate_series(1, 100);" | tr -s ' \n' ' ' > "$work/$t.sql"
done

busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
measure() { # label host args…
  local label=$1 host=$2; shift 2
  local b0 b1 out tx
  b0=$(busy)
  out=$(pgbench -n -M prepared -c 4 -j 2 -T 8 -h "$host" -p "$port" -U postgres "$@" postgres 2>&1)
  b1=$(busy)
  tx=$(echo "$out" | awk '/number of transactions actually processed/{split($NF,a,"/"); print a[1]}')
  awk -v l="$label" -v tx="$tx" -v t=$((b1 - b0)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "| %s | %d | %.0f | %.1f |\n", l, tx / 8, t / hz * 1e6 / tx, t / hz / 8 * 100}'
}
setting() { psql -c "ALTER SYSTEM SET synchronous_commit = $1" -c "SELECT pg_reload_conf()" > /dev/null; }

echo "PostgreSQL $("$bin/postgres" --version | awk '{print $NF}'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| statement | transactions/s | machine CPU µs per transaction | machine busy % of one core |"
echo "|---|---:|---:|---:|"
for round in 1 2 3; do
  setting on
  measure "round $round: read by primary key, TCP" 127.0.0.1 -S
  measure "round $round: read by primary key, Unix socket" "$work/sock" -S
  measure "round $round: one-row INSERT + commit, synchronous_commit on, TCP" 127.0.0.1 -f "$work/insert.sql"
  measure "round $round: one-row INSERT + commit, synchronous_commit on, Unix socket" "$work/sock" -f "$work/insert.sql"
  setting off
  measure "round $round: one-row INSERT + commit, synchronous_commit off, TCP" 127.0.0.1 -f "$work/insert.sql"
done
setting on
rows() { # label file: one client, as the rating writer; CPU per inserted row
  local b0 b1 out tx
  b0=$(busy)
  out=$(pgbench -n -M prepared -c 1 -j 1 -T 8 -h 127.0.0.1 -p "$port" -U postgres -f "$2" postgres 2>&1)
  b1=$(busy)
  tx=$(echo "$out" | awk '/number of transactions actually processed/{split($NF,a,"/"); print a[1]}')
  awk -v l="$1" -v rows=$((tx * 100)) -v t=$((b1 - b0)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "| %s | %d | %.1f |\n", l, rows / 8, t / hz * 1e6 / rows}'
}
echo
echo "| 100 rows per INSERT and commit, one client, TCP | rows/s | machine CPU µs per row |"
echo "|---|---:|---:|"
for round in 1 2 3; do
  rows "round $round: five foreign keys per row" "$work/with_keys.sql"
  rows "round $round: no foreign keys" "$work/without_keys.sql"
done
