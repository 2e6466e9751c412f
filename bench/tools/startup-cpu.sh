#!/usr/bin/env bash
# Where a start's CPU goes (issue 16): starts the application once on a copy of a stopped data directory that holds
# the demo data, waits for /actuator/health UP, and prints the wall time, the JVM's CPU, its threads' CPU by name
# (C2/C1 = JIT compilers, "java" = the main thread, GC…) and the CPU of its PostgreSQL (postmaster and backends)
# with the number of backends, then stops it. Not a benchmark (no baseline): bench/run.sh startup is the figure.
#
#   bench/tools/startup-cpu.sh <stopped data/postgres directory> <label> <java command…>
#   e.g. bench/tools/startup-cpu.sh /tmp/pristine/postgres aot java -XX:AOTCache=admin-web/target/dancham/dancham.aot \
#          -jar admin-web/target/dancham/dancham.jar
set -euo pipefail
data=$1 label=$2; shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/startup-cpu.XXXXXX")
cp -a "$data" "$work/postgres"
hz=$(getconf CLK_TCK)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
web=$(port) agi=$(port) db=$(port)
t0=$(date +%s%N)
(cd "$work" && exec "$@" --server.port="$web" --server.address=127.0.0.1 --dancham.ivr.port="$agi" \
   --dancham.ivr.bind-address=127.0.0.1 --dancham.db.port="$db" --dancham.db.data-directory="$work/postgres" \
   --dancham.demo.load=AUTO > "$work/app.log" 2>&1) &
pid=$!
up=
for _ in $(seq 6000); do
  if curl -sf "http://127.0.0.1:$web/actuator/health" > /dev/null; then up=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
t1=$(date +%s%N)
if [ -z "$up" ]; then echo "$label: never UP, see $work/app.log" >&2; kill "$pid" 2>/dev/null || true; exit 1; fi
read -r -a st < "/proc/$pid/stat"
echo "$label: wall $(( (t1 - t0) / 1000000 )) ms, JVM CPU $(( (st[13] + st[14]) * 1000 / hz )) ms, load $(cut -d' ' -f1 /proc/loadavg)"
echo "  JVM threads by name (CPU ms):"
for t in /proc/"$pid"/task/*; do
  read -r -a ts < "$t/stat" 2>/dev/null || continue
  echo "$(( (ts[13] + ts[14]) * 1000 / hz )) $(tr ' ' _ < "$t/comm")"
done | awk '{a[$2] += $1} END {for (k in a) print a[k], k}' | sort -rn | head -10 | sed 's/^/    /'
pm=$(head -1 "$work/postgres/postmaster.pid")
pg=0 n=0
for p in $(pgrep -P "$pm"); do
  read -r -a ps < "/proc/$p/stat" 2>/dev/null || continue
  pg=$(( pg + ps[13] + ps[14] )); n=$(( n + 1 ))
done
read -r -a ps < "/proc/$pm/stat"
# the postmaster's own CPU and that of the children that already exited (cutime/cstime)
pg=$(( pg + ps[13] + ps[14] + ps[15] + ps[16] ))
echo "  PostgreSQL: CPU $(( pg * 1000 / hz )) ms, $n child processes at UP"
kill "$pid"
for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
rm -rf "$work"
