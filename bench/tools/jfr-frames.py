#!/usr/bin/env python3
"""Shares of a thread group's JFR execution samples that pass through given frames.

Usage: jfr-frames.py <recording.jfr> <thread-name-prefix> <from HH:MM:SS> <frame-substring> ...

Reads the recording's jdk.ExecutionSample events (with `jfr print`, from the JDK that runs this), keeps those of
threads whose name starts with the prefix (e.g. "agi-call-": the hotline's call threads) taken at or after the time
given (UTC, as `jfr print` shows it: e.g. the end of the application's start-up), and prints, for each substring,
how many of them have a frame containing it, directly or below (a sample is counted once per substring). Then the
samples inside jOOQ, by the first application frame ("vn.dancham.") above them, split into those rendering SQL
(AbstractQuery.getSQL0 or AbstractContext.visit on the stack) and the rest.

Last, each thread group's share of the JVM's CPU from the recording's jdk.ThreadCPULoad events over the same time
(each thread's mean load, summed by name without its trailing number).

Compare execution-sample shares within one thread group only: JFR samples a few threads in Java code per period, so the counts of
different groups are not in proportion to their CPU (for that, the recording's jdk.ThreadCPULoad events or
bench/tools/thread-cpu.sh).

How the recording is made:
  BENCH_APP_JVM_OPTS="-XX:StartFlightRecording=settings=profile,filename=/tmp/app.jfr" bench/run.sh fastagi …
"""
import collections
import os
import re
import subprocess
import sys


def jfr_print(jfr, *args):
    java_home = os.environ.get('JAVA_HOME', '/usr/lib/jvm/temurin-25-jdk-amd64')
    return subprocess.run([os.path.join(java_home, 'bin', 'jfr'), 'print', *args, jfr], check=True,
                          capture_output=True, text=True).stdout


def thread_loads(jfr, since):
    loads = collections.defaultdict(list)
    for event in jfr_print(jfr, '--events', 'jdk.ThreadCPULoad').split('jdk.ThreadCPULoad {')[1:]:
        at = re.search(r'startTime = (\d\d:\d\d:\d\d)', event)
        thread = re.search(r'eventThread = "(.*?)"', event)
        user = re.search(r'user = ([\d.]+)%', event)
        system = re.search(r'system = ([\d.]+)%', event)
        if at and thread and user and system and at.group(1) >= since:
            loads[thread.group(1)].append(float(user.group(1)) + float(system.group(1)))
    groups = collections.Counter()
    for thread, values in loads.items():
        groups[re.sub(r'[#\-]?\d+$', '', thread)] += sum(values) / len(values)
    return groups


def samples(jfr):
    out = jfr_print(jfr, '--events', 'jdk.ExecutionSample', '--stack-depth', '96')
    for event in out.split('jdk.ExecutionSample {')[1:]:
        at = re.search(r'startTime = (\d\d:\d\d:\d\d)', event)
        thread = re.search(r'sampledThread = "(.*?)"', event)
        stack = re.search(r'stackTrace = \[(.*?)\n\s*\]', event, re.S)
        if not (at and thread and stack):
            continue
        frames = [re.sub(r'\s+line:.*', '', line.strip()).split('(')[0]
                  for line in stack.group(1).strip().split('\n')
                  if line.strip() and not line.strip().startswith('...')]
        yield at.group(1), thread.group(1), frames


def main():
    if len(sys.argv) < 5:
        print(__doc__)
        sys.exit(2)
    jfr, prefix, since, keys = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    kept = [f for at, thread, f in samples(jfr) if at >= since and thread.startswith(prefix)]
    n = len(kept)
    print(f'{n} execution samples of threads "{prefix}*" from {since}')
    if n == 0:
        return
    for key in keys:
        c = sum(1 for frames in kept if any(key in f for f in frames))
        print(f'{c:6d} {100.0 * c / n:5.1f} %  {key}')
    jooq = collections.Counter()
    for frames in kept:
        if any(f.startswith('org.jooq') for f in frames):
            owner = next((f for f in frames if f.startswith('vn.dancham.')), '(no application frame)')
            rendering = any('AbstractQuery.getSQL0' in f or 'AbstractContext.visit' in f for f in frames)
            jooq[(owner, 'rendering' if rendering else 'other')] += 1
    total = sum(jooq.values())
    print(f'{total:6d} {100.0 * total / n:5.1f} %  inside jOOQ, by the first application frame:')
    for (owner, kind), c in jooq.most_common(20):
        print(f'{c:6d} {100.0 * c / n:5.1f} %    {owner} ({kind})')
    groups = thread_loads(jfr, since)
    total = sum(groups.values())
    print(f'thread groups\' share of the JVM\'s CPU (jdk.ThreadCPULoad from {since}; the JVM\'s mean load '
          f'{total:.1f} % of the machine):')
    for name, load in groups.most_common(8):
        print(f'  {100.0 * load / total:5.1f} %  {name}')


if __name__ == '__main__':
    main()
