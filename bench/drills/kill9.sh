#!/usr/bin/env bash
# Issue 8's kill -9 drill (see docs/reliability.md): ~200 concurrent calls against the real application, SIGKILL
# mid-calls, restart on the same data directory, then checks in the database that no acknowledged answer was lost,
# every open call is INTERRUPTED, every SMS went out exactly once and the orphaned PostgreSQL was stopped.
#   bench/drills/kill9.sh [--size small|full]      (small: 200 calls, full: 1000)
# Writes bench/results/<date>-kill9-<size>.md and exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec bench/run.sh kill9 "$@"
