#!/bin/bash
# Per-thread CPU of running JVMs, from /proc, every 5 s, until stopped (Ctrl-C or kill): one line per thread,
#   <unix time>|<pid>|<thread name as /proc/<pid>/task/<tid>/comm has it, 15 characters>|<utime + stime in ticks>
# Usage: bench/tools/thread-cpu.sh '<pgrep -f pattern>' ['<pattern>' ...] > threads.log
#   e.g. during a fastagi run:  bench/tools/thread-cpu.sh ' -jar /tmp/jar-' 'vn.dancham.bench.Main' > threads.log
#   (the application started with -jar, and the benchmark's own JVM: the load generator)
# then bench/tools/thread-cpu.py threads.log <pid> [from s] [to s] groups the threads and prints each group's share.
# Why: /proc/<pid>/stat gives a process's CPU; this says which of its threads spent it (the call threads, the JIT,
# the GC, the rating writer, the harness's own samplers), without a profiler's cost in the figures.
set -u
[ $# -ge 1 ] || { sed -n '2,8p' "$0"; exit 2; }
patterns=("$@")
while true; do
  t=$(date +%s)
  pids=()
  for pattern in "${patterns[@]}"; do
    for pid in $(pgrep -f -- "$pattern"); do
      [ "$pid" = "$$" ] || pids+=("$pid")
    done
  done
  # Each process once per round, whatever number of patterns it matched.
  for pid in $(printf '%s\n' "${pids[@]}" | sort -un); do
    for d in /proc/"$pid"/task/*; do
      s=$(cat "$d"/stat 2>/dev/null) || continue
      name=${s#*(}; name=${name%%)*}
      read -r -a fields <<< "${s##*) }"
      echo "$t|$pid|$name|$((fields[11] + fields[12]))"
    done
  done
  sleep 5
done
