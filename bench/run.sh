#!/usr/bin/env bash
# Dân Chấm benchmark suite — see bench/README.md.
#   bench/run.sh <fastagi|scores|ingest|leader|startup|jmh|selftest|kill9|all> [--size small|full]
# Builds the application jar and this module (-Pbench, no tests, no install), then runs the benchmark with a
# JDK >= 21 and writes a Markdown report under bench/results/. Everything it starts listens on 127.0.0.1 only and
# stops by itself; set BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ]; then
  sed -n '2,6p' "$0"; exit 2
fi

# The newest JDK >= 21: BENCH_JAVA, else JAVA_HOME, else the newest under /usr/lib/jvm (as the build's toolchain).
pick_java() {
  local candidates=()
  [ -n "${BENCH_JAVA:-}" ] && { echo "$BENCH_JAVA"; return; }
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  for d in /usr/lib/jvm/*/bin/java; do candidates+=("$d"); done
  local best="" best_v=0
  for j in "${candidates[@]}"; do
    [ -x "$j" ] || continue
    local v
    v=$("$j" -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/ {gsub(/ /,"",$2); print $2}')
    v=${v%%.*}
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$j"; best_v=$v; fi
  done
  [ -n "$best" ] || { echo "no JDK >= 21 found (set BENCH_JAVA)" >&2; exit 1; }
  echo "$best"
}
JAVA=$(pick_java)

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -Pbench -pl admin-web,bench -am package -DskipTests
fi

CP="bench/target/classes:bench/target/lib/*"
# The generator holds thousands of sockets; the application inherits the same limit.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec "$JAVA" -Xss512k -cp "$CP" vn.dancham.bench.Main "$@"
