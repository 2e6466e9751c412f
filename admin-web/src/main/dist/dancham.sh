#!/usr/bin/env bash
# Dân Chấm from the extracted layout (admin-web/target/dancham/: dancham.jar + lib/), with the JDK's AOT cache
# (dancham.aot) when this JDK can use it, and a default heap. README "Running in production / start-up".
#
#   dancham.sh [--name=value ...]   start the application; arguments go to Spring Boot, as with java -jar
#   dancham.sh train                (re)make dancham.aot with this JDK (25 or newer): a training run on a
#                                   throw-away embedded database in a temporary directory, then it exits
#
# Environment:
#   DANCHAM_JAVA   the java to run; default: $JAVA_HOME/bin/java, else the JDK that made dancham.aot, else java on PATH
#   DANCHAM_HEAP   -XX:MaxRAMPercentage (default 50); JAVA_OPTS are added after the defaults, so any -XX there wins
#   DANCHAM_AOT    off: never use the AOT cache
#   DANCHAM_SPRING_AOT  off: Spring works the beans out at every start instead of taking those the build worked out
#                  (-Dspring.aot.enabled=true; a start whose switches differ from the build's goes without them
#                  anyway and says so in the log: README "Running in production / start-up")
# The working directory is the application's, as with java -jar: ./data (database, recordings, journal) is there.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar="$here/dancham.jar"
cache="$here/dancham.aot"
made_by="$here/dancham.aot.jdk"   # line 1: the java that made the cache; line 2: its runtime version

say() { echo "dancham.sh: $*" >&2; }

# The java to use, by the order documented above.
pick_java() {
  if [ -n "${DANCHAM_JAVA:-}" ]; then echo "$DANCHAM_JAVA"; return; fi
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  if [ -f "$made_by" ]; then
    local trained
    trained=$(sed -n 1p "$made_by")
    if [ -x "$trained" ]; then echo "$trained"; return; fi
  fi
  command -v java || { say "no java found: set DANCHAM_JAVA or JAVA_HOME (JDK 21 or newer)"; exit 1; }
}

# JAVA_RUNTIME_VERSION from the JDK's release file (e.g. 25.0.3+9-LTS), read without starting a JVM; empty if unknown.
runtime_version() {
  local home release
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  release="$home/release"
  [ -f "$release" ] || return 0
  sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$release"
}

feature_version() { # 25.0.3+9-LTS -> 25
  local v=${1%%[.+-]*}
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

java=$(pick_java)
version=$(runtime_version "$java")

spring_aot=()
if [ "${DANCHAM_SPRING_AOT:-on}" != off ]; then
  spring_aot=(-Dspring.aot.enabled=true)
fi

if [ "${1:-}" = "train" ]; then
  shift
  if [ "$(feature_version "$version")" -lt 25 ]; then
    say "training needs a JDK 25 or newer (JEP 483/514 AOT cache); $java is ${version:-of unknown version}"
    exit 3
  fi
  work=$(mktemp -d "${TMPDIR:-/tmp}/dancham-train.XXXXXX")
  stop_postgres() {
    # The run closes its context (and so its throw-away PostgreSQL) when it exits; if it died instead, the
    # PostgreSQL it started is stopped here (SIGINT = pg_ctl stop -m fast) before the directory goes.
    local pidfile="$work/data/postgres/postmaster.pid" pid
    if [ -f "$pidfile" ]; then
      pid=$(head -1 "$pidfile")
      if kill -INT "$pid" 2>/dev/null; then
        for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -rf "$work"
  }
  trap stop_postgres EXIT
  say "training run with $java ($version) in $work"
  started=$(date +%s)
  # The training run must never reach real services: no external database, no Twilio, no configuration from the
  # caller's directory. Variables that Spring Boot maps to properties (SPRING_*, DANCHAM_*) are dropped, the run
  # happens in the empty temporary directory, and everything it would open is local and throw-away.
  # shellcheck disable=SC2046
  (cd "$work" && env $(env | sed -n 's/^\(SPRING_[A-Za-z0-9_]*\|DANCHAM_[A-Za-z0-9_]*\)=.*/-u \1/p') \
      "$java" -XX:AOTCacheOutput="$cache.tmp" "${spring_aot[@]}" -jar "$jar" --dancham.startup.exit-when-ready=true \
      --server.port=0 --server.address=127.0.0.1 --dancham.ivr.port=0 --dancham.ivr.bind-address=127.0.0.1 \
      --dancham.db.port=0 --dancham.demo.load=NEVER --spring.quartz.auto-startup=false \
      > "$here/dancham-train.log" 2>&1) || true
  if [ ! -s "$cache.tmp" ]; then
    say "the training run made no cache; see $here/dancham-train.log"
    exit 1
  fi
  mv -f "$cache.tmp" "$cache"
  printf '%s\n%s\n' "$(readlink -f "$java")" "$version" > "$made_by"
  say "made $cache ($(du -h "$cache" | cut -f1)) in $(( $(date +%s) - started )) s"
  exit 0
fi

options=("-XX:MaxRAMPercentage=${DANCHAM_HEAP:-50}" "${spring_aot[@]}")
if [ "${DANCHAM_AOT:-on}" = off ]; then
  :
elif [ ! -f "$cache" ]; then
  say "no AOT cache ($cache): starting without it (make one with: $0 train)"
elif [ "$(feature_version "$version")" -lt 25 ]; then
  say "$java is ${version:-of unknown version}; the AOT cache needs JDK 25+: starting without it"
elif [ "$(sed -n 2p "$made_by" 2>/dev/null)" != "$version" ]; then
  say "the AOT cache was made by another JDK ($(sed -n 2p "$made_by" 2>/dev/null || echo unknown)), this is $version:" \
      "starting without it (remake it with: $0 train)"
elif [ "$jar" -nt "$cache" ]; then
  say "the AOT cache is older than dancham.jar: starting without it (remake it with: $0 train)"
else
  # The JVM checks the cache too (same JDK build, same jars with the same sizes and times) and, when it does not
  # match, warns and starts without it; AOTMode stays "auto" so a cache problem never stops the service.
  options+=("-XX:AOTCache=$cache")
fi
# shellcheck disable=SC2206
exec "$java" "${options[@]}" ${JAVA_OPTS:-} -jar "$jar" "$@"
