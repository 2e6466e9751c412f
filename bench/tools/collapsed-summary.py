#!/usr/bin/env python3
"""Summarises an async-profiler CPU profile in collapsed form recorded with `threads`.

Usage: collapsed-summary.py <profile.txt> [thread-name-prefix ...]

Prints each thread group's share of all samples (thread names with their numbers stripped: the calls'
"agi-call-17" and "agi-call-18" are one group), then, for each prefix given (default: agi-call), the share of that
group's samples whose stack passes through each library or part of the application, and its hottest leaf frames.

A stack is counted once per library however many of its frames belong to it, so the shares of one group do not add
up to 100 %: they say "this much of the group's CPU was spent inside X, directly or in what X called".

How the profile is made (the application's JVM, from its start; the start-up's samples sit in the JVM's main
thread and the compilers, not in the call threads):
  BENCH_APP_JVM_OPTS="-agentpath:<async-profiler>/lib/libasyncProfiler.so=start,event=cpu,interval=997us,threads,\
file=/tmp/profile.txt,collapsed" bench/run.sh fastagi …
"""
import collections
import re
import sys

# Where a frame belongs: the first prefix found in it (Java frames use '/' in async-profiler's collapsed output).
PARTS = [
    ('org/asteriskjava', 'Asterisk-Java (FastAGI reading and writing)'),
    ('java/net/Socket', 'socket streams (java.net)'),
    ('sun/nio/ch/NioSocketImpl', 'socket implementation (sun.nio.ch)'),
    ('com/zaxxer/hikari', 'HikariCP (the statements through the pool)'),
    ('org/postgresql', 'pgjdbc'),
    ('org/jooq', 'jOOQ'),
    ('org/springframework/transaction', 'Spring transactions'),
    ('vn/dancham/ivr', 'Dân Chấm ivr'),
    ('vn/dancham/rating', 'Dân Chấm rating'),
    ('vn/dancham/dossier', 'Dân Chấm dossier'),
    ('vn/dancham/calls', 'Dân Chấm calls'),
    ('vn/dancham/escalation', 'Dân Chấm escalation'),
    ('vn/dancham/complaint', 'Dân Chấm complaint'),
    ('com/github/benmanes/caffeine', 'Caffeine'),
    ('io/micrometer', 'Micrometer'),
    ('ch/qos/logback', 'Logback'),
    ('java/util/concurrent/locks', 'java.util.concurrent locks'),
    ('finish_task_switch', 'kernel: switching threads (finish_task_switch)'),
]


def group(thread_frame):
    name = thread_frame.strip('[]')
    name = re.sub(r'\s*tid=\d+', '', name)
    return re.sub(r'[-_ #]?\d+$', '', name).strip()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    prefixes = sys.argv[2:] or ['agi-call']
    total = 0
    by_thread = collections.Counter()
    stacks = []
    with open(path, errors='replace') as f:
        for line in f:
            stack, _, n = line.rstrip('\n').rpartition(' ')
            if not stack or not n.isdigit():
                continue
            n = int(n)
            frames = stack.split(';')
            total += n
            g = group(frames[0])
            by_thread[g] += n
            stacks.append((g, frames, n))
    print(f'{path}: {total} samples')
    print('\nThreads (share of all samples):')
    for g, n in by_thread.most_common(20):
        print(f'  {n / total * 100:5.1f} %  {g}')
    for prefix in prefixes:
        mine = [(frames, n) for g, frames, n in stacks if g.startswith(prefix)]
        count = sum(n for _, n in mine)
        if count == 0:
            print(f'\nNo samples in threads starting with {prefix!r}.')
            continue
        inside = collections.Counter()
        leaves = collections.Counter()
        for frames, n in mine:
            seen = set()
            for fr in frames[1:]:
                for key, label in PARTS:
                    if key in fr and label not in seen:
                        seen.add(label)
                        inside[label] += n
            leaves[frames[-1]] += n
        print(f'\n{prefix}*: {count} samples ({count / total * 100:.1f} % of all). Share of them inside:')
        for label, n in inside.most_common():
            print(f'  {n / count * 100:5.1f} %  {label}')
        print('  hottest leaf frames:')
        for fr, n in leaves.most_common(12):
            print(f'  {n / count * 100:5.1f} %  {fr[:120]}')


if __name__ == '__main__':
    main()
