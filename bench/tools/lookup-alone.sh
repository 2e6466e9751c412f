#!/usr/bin/env bash
# The hotline's dossier lookup alone on a quiet server, message by message (issue 16): what its bind and execute cost
# PostgreSQL when nothing else shares the core, to set beside the same statement's figures in place under load
# (pg-statement-cpu.py during a fastagi run). Also with plan_cache_mode = force_custom_plan, to show what the bind
# would cost if the plan cache did not keep the generic plan.
#
#   bench/tools/lookup-alone.sh [<a data directory of the application's PostgreSQL>]
#   (default: the one the last `bench/run.sh fastagi` left, bench/target/run/fastagi/app/postgres; it is copied, the
#   original is not touched; the binaries are the embedded ones zonky unpacked under /tmp/embedded-pg)
#
# One client, prepared statements (as pgjdbc's named statements), 6 s per mode, receipt numbers drawn from the
# demo's dossiers; the statement's text is the one the log of a run shows for the hotline's lookup.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_dir=${1:-$here/../target/run/fastagi/app/postgres}
bin=$(dirname "$(ls -d /tmp/embedded-pg/*/bin/postgres | head -1)")
[ -f "$source_dir/PG_VERSION" ] || { echo "no PostgreSQL data directory at $source_dir" >&2; exit 1; }
command -v pgbench > /dev/null || { echo "pgbench not found (apt-get install postgresql-client)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/lookup-alone.XXXXXX")
chmod 777 "$work"
cp -r "$source_dir" "$work/data"
rm -f "$work/data/postmaster.pid" "$work/data/epg-lock"
mkdir -p "$work/log"
chmod -R u+rwX "$work"
as=()
# PostgreSQL refuses to run as root: run it as nobody then.
if [ "$(id -u)" = 0 ]; then chown -R nobody "$work"; as=(su nobody -s /bin/bash -c); fi
run() { if [ ${#as[@]} -gt 0 ]; then "${as[@]}" "$*"; else bash -c "$*"; fi; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run "$bin/pg_ctl -D $work/data -l $work/postgres.log -o '-p $port -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories=$work -c logging_collector=on -c log_directory=$work/log -c log_filename=pg.log \
  -c log_line_prefix=%p' start > /dev/null"
trap 'run "$bin/pg_ctl -D $work/data stop -m fast > /dev/null" || true; rm -rf "$work"' EXIT
export PGPASSWORD=postgres
# The demo's receipt numbers are consecutive numbers: pgbench draws one and sends it as the statement's text parameter.
read -r dossiers first last <<< "$(psql -X -At -F ' ' -h 127.0.0.1 -p "$port" -U postgres dancham -c \
  "SELECT count(*), min(receipt_no::bigint), max(receipt_no::bigint) FROM dossier WHERE receipt_no ~ '^[0-9]+$'")"
[ "$((last - first + 1))" = "$dossiers" ] || { echo "the receipt numbers are not consecutive" >&2; exit 1; }
cat > "$work/lookup.sql" <<SQL
\set receipt random($first, $last)
select "dossier"."id", "dossier"."receipt_no", "procedure"."name", "dossier"."receiving_office_id", "office"."name", "dossier"."receiving_officer_id", "dossier"."applicant_phone", "dossier"."received_at", "dossier"."due_at", "dossier"."returned_at", "dossier"."status", "dossier_stage"."id", "dossier_stage"."seq", "dossier_stage"."name", "dossier_stage"."office_id", "so"."name", "dossier_stage"."officer_id", "sr"."full_name", "dossier_stage"."started_at", "dossier_stage"."due_at", "dossier_stage"."finished_at" from "dossier" join "procedure" on "procedure"."id" = "dossier"."procedure_id" join "office" on "office"."id" = "dossier"."receiving_office_id" left outer join ("dossier_stage" join "office" as "so" on "so"."id" = "dossier_stage"."office_id") on "dossier_stage"."dossier_id" = "dossier"."id" left outer join "officer" as "sr" on "sr"."id" = "dossier_stage"."officer_id" where "dossier"."receipt_no" = :receipt order by "dossier_stage"."seq";
SQL
echo "Quiet copy of $source_dir: $dossiers dossiers; one pgbench client, prepared, 6 s per mode."
for mode in auto force_custom_plan; do
  python3 "$here/pg-statement-cpu.py" on "$port" "$work/state.json" > /dev/null
  PGOPTIONS="-c plan_cache_mode=$mode" pgbench -n -M prepared -c 1 -T 6 -h 127.0.0.1 -p "$port" -U postgres \
    -f "$work/lookup.sql" dancham 2>&1 | grep -E '^tps' | sed "s/^/  plan_cache_mode=$mode: /"
  python3 "$here/pg-statement-cpu.py" off "$port" "$work/state.json" > /dev/null
  sleep 1
  python3 "$here/pg-statement-cpu.py" report "$work/log/pg.log" "$work/state.json" | grep -B1 'select "dossier"' \
    | head -2 | sed 's/^/  /'
  run "rm -f $work/log/pg.log"
  run "$bin/pg_ctl -D $work/data logrotate > /dev/null" || true
  sleep 1
done
