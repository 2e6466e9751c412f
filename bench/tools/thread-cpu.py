#!/usr/bin/env python3
"""Groups the per-thread CPU that bench/tools/thread-cpu.sh logged for one process, between two of its samples.

Usage: thread-cpu.py threads.log <pid> [from s] [to s]
  from / to: seconds after the process's first sample (default: its first sample, and the sample where its threads'
  total was highest: a process that is stopping loses its threads, and their ticks, before its last sample).
Threads are grouped by name without the trailing number (e.g. "agi-call-12" and "agi-call-3" are "agi-call");
ForkJoinPool workers are the virtual threads' carriers. Prints each group's ticks and share, and the window's share
of one core (100 ticks per second).
"""
import collections
import re
import sys


def group(name):
    if name.startswith('ForkJoinPool'):
        return 'ForkJoinPool (virtual threads\' carriers)'
    return re.sub(r'[#\-]?\d+$', '', name)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    log, pid = sys.argv[1], sys.argv[2]
    samples = collections.defaultdict(collections.Counter)
    for line in open(log):
        parts = line.rstrip('\n').split('|')
        if len(parts) != 4 or parts[1] != pid:
            continue
        samples[int(parts[0])][group(parts[2])] += int(parts[3])
    if not samples:
        sys.exit('no samples of process ' + pid)
    times = sorted(samples)
    start = times[0]
    totals = {t: sum(samples[t].values()) for t in times}
    first = times[0] if len(sys.argv) < 4 else min(times, key=lambda t: abs(t - start - float(sys.argv[3])))
    last = max(times, key=lambda t: totals[t]) if len(sys.argv) < 5 else \
        min(times, key=lambda t: abs(t - start - float(sys.argv[4])))
    a, b = samples[first], samples[last]
    delta = {k: b[k] - a.get(k, 0) for k in b}
    total = sum(delta.values())
    seconds = max(last - first, 1)
    print(f'process {pid}, {first - start} s to {last - start} s after its first sample: {total} ticks, '
          f'{total / seconds:.1f} % of one core')
    for name, ticks in sorted(delta.items(), key=lambda x: -x[1]):
        if ticks > 0:
            print(f'  {name:45s} {ticks:7d}  {100 * ticks / max(total, 1):5.1f} %')


main()
