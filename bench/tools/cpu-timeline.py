#!/usr/bin/env python3
"""Who used the server's core, 50 ms at a time: the application's threads and its PostgreSQL's processes.

Usage:
  cpu-timeline.py record APP_PATTERN BENCH_LOG OUT
      Every 50 ms until BENCH_LOG's run ends (its "report:" line) or OUT.stop exists: the CPU time each thread of the
      process whose command line contains APP_PATTERN (e.g. ' -jar /tmp/jar-head.jar'; the
      benchmark's own JVM, which names the jar too, is never taken) and each PostgreSQL process has
      used so far (/proc/…/schedstat, nanoseconds, not the 10 ms ticks of /proc/…/stat), and every new line of
      BENCH_LOG with the time it was seen. Once a minute it also asks the application's PostgreSQL (its port read
      from the launch line in BENCH_LOG) which pool each backend serves (application_name). Run it on the
      generator's core (taskset -c 0): it costs about a tenth of that core, and it disturbs the generator there.
  cpu-timeline.py bursts OUT FROM TO [MS]
      Between the unix times FROM and TO: each group's CPU, then every 50 ms window in which the work that is not
      the calls' own used more than MS ms (default 5) of CPU, with who used it. The calls' own work: the virtual
      threads' carriers (ForkJoinPool), their I/O poller, the hotline pool's backends. Everything else (the JIT,
      the GC, Quartz's workers, the application pool's backends…) is background.
  cpu-timeline.py log OUT
      The bench log's lines with the unix time each was seen, to pick FROM and TO (a hold ends just before its line).

Why: a hold at 2,000 lines has its p99 set by the few turnarounds that waited behind other work on the one core the
application shares with its database. The 5 s view of thread-cpu.sh averages such bursts away; 50 ms windows show
them and who made them (bench/results/2026-12-05-hold-tail-background-bursts.md).
"""
import collections
import os
import re
import subprocess
import sys
import time


def processes(app_pattern):
    app, pg = None, []
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            comm = open(f'/proc/{p}/comm').read().strip()
            if comm.startswith('postgres'):
                pg.append(int(p))
            elif comm == 'java' and app is None:
                cmd = open(f'/proc/{p}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
                # The benchmark's own JVM names the jar too (--jar …): never take it for the application.
                if app_pattern in cmd and 'vn.dancham.bench.Main' not in cmd:
                    app = int(p)
        except OSError:
            continue
    return app, pg


def ns(path):
    try:
        return int(open(path).read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def pools(port):
    try:
        out = subprocess.run(['psql', '-h', 'localhost', '-p', str(port), '-U', 'postgres', '-d', 'dancham', '-Atc',
                              "select pid, coalesce(nullif(application_name, ''), backend_type) "
                              "from pg_stat_activity"], capture_output=True, text=True, timeout=5,
                             env=dict(os.environ, PGPASSWORD='postgres')).stdout
        return dict(line.split('|', 1) for line in out.splitlines() if '|' in line)
    except (OSError, subprocess.SubprocessError):
        return {}


def record(app_pattern, bench_log, out_path):
    out = open(out_path, 'w')
    pos, port, names, asked, done = 0, None, {}, 0.0, False
    while not done and not os.path.exists(out_path + '.stop'):
        now = time.time()
        try:
            with open(bench_log) as log:
                log.seek(pos)
                new = log.read()
                pos = log.tell()
        except OSError:
            new = ''
        for line in new.splitlines():
            if line.strip():
                out.write(f'L {now:.3f} {line.strip()}\n')
            m = re.search(r'dancham\.db\.port=(\d+)', line)
            if m and port is None:
                port = m.group(1)
            done = done or line.startswith('report:')
        if port and now - asked > 60:
            asked = now
            fresh = pools(port)
            for pid, name in fresh.items():
                if names.get(pid) != name:
                    names[pid] = name
                    out.write(f'N {pid} {name}\n')
        app, pg = processes(app_pattern)
        cells = []
        if app:
            for task in os.listdir(f'/proc/{app}/task'):
                v = ns(f'/proc/{app}/task/{task}/schedstat')
                try:
                    name = open(f'/proc/{app}/task/{task}/comm').read().strip()
                except OSError:
                    continue
                if v is not None:
                    cells.append(f'J:{task}:{name}={v}')
        for p in pg:
            v = ns(f'/proc/{p}/schedstat')
            try:
                title = open(f'/proc/{p}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
            except OSError:
                continue
            if v is not None:
                # The postmaster's command line is long; an auxiliary process's title names it.
                title = 'postmaster' if '/bin/postgres' in title else title.strip()
                cells.append(f'P:{p}:{title.replace("=", "_").replace(chr(9), " ")}={v}')
        out.write(f'S {now:.3f} ' + '\t'.join(cells) + '\n')
        out.flush()
        time.sleep(max(0.0, 0.05 - (time.time() - now)))


def read(out_path):
    samples, lines, names = [], [], {}
    for line in open(out_path, encoding='utf-8', errors='replace'):
        kind, rest = line[0], line[2:].rstrip('\n')
        if kind == 'L':
            t, text = rest.split(' ', 1)
            lines.append((float(t), text))
        elif kind == 'N':
            pid, name = rest.split(' ', 1)
            names[pid] = name
        elif kind == 'S':
            t, _, cells = rest.partition(' ')
            d = {}
            for cell in cells.split('\t') if cells else []:
                key, _, v = cell.rpartition('=')
                d[key] = int(v)
            samples.append((float(t), d))
    return samples, lines, names


def group(key, names):
    kind, ident, name = key.split(':', 2)
    if kind == 'J':
        if name.startswith('ForkJoinPool'):
            return 'jvm: ForkJoinPool (virtual threads\' carriers: the calls)'
        return 'jvm: ' + re.sub(r'[-#_ ]?\d+$', '', name)
    pool = names.get(ident)
    if pool == 'dancham-hotline':
        return 'pg: hotline pool (the calls\' statements)'
    if pool == 'PostgreSQL JDBC Driver':
        return 'pg: application pool (writers, jobs, pages)'
    if pool:
        return 'pg: ' + pool
    m = re.match(r'postgres: (\w[\w ]*?)(?: \S+ \S+ [\d.]+\(\d+\).*)?$', name)
    return 'pg: ' + (m.group(1) if m else name[:30])


CALLS = ('jvm: ForkJoinPool', 'jvm: MasterPoller', 'pg: hotline pool')


def bursts(out_path, start, end, threshold):
    samples, _, names = read(out_path)
    total, windows = collections.Counter(), []
    for (t0, a), (t1, b) in zip(samples, samples[1:]):
        if t0 < start or t1 > end:
            continue
        used = collections.Counter()
        for key, v in b.items():
            if key in a:
                used[group(key, names)] += (v - a[key]) / 1e6
        total.update(used)
        windows.append((t0, t1 - t0, used))
    span = sum(w[1] for w in windows)
    if not windows:
        print('no samples between', start, 'and', end)
        return
    print(f'{span:.1f} s in {len(windows)} windows; CPU by group (ms, % of one core):')
    for name, ms in total.most_common(30):
        if ms >= 1:
            print(f'  {name:58s} {ms:9.1f} ms {100 * ms / 1000 / span:6.2f} %')
    shown = 0
    print(f'windows in which the background used more than {threshold} ms:')
    for t0, dt, used in windows:
        background = {k: v for k, v in used.items() if not k.startswith(CALLS) and v >= 0.2}
        ms = sum(background.values())
        if ms > threshold:
            shown += 1
            top = ', '.join(f'{k} {v:.1f}' for k, v in sorted(background.items(), key=lambda kv: -kv[1])[:5])
            print(f'  {time.strftime("%H:%M:%S", time.gmtime(t0))}.{int(t0 % 1 * 100):02d} +{dt * 1000:.0f} ms: '
                  f'{ms:.1f} ms ({top})')
    print(f'{shown} of {len(windows)} windows')


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] == 'record' and len(sys.argv) >= 5:
        record(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == 'bursts' and len(sys.argv) >= 5:
        bursts(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]),
               float(sys.argv[5]) if len(sys.argv) > 5 else 5.0)
    elif sys.argv[1] == 'log':
        for t, text in read(sys.argv[2])[1]:
            print(f'{t:.3f} {time.strftime("%H:%M:%S", time.gmtime(t))} {text}')
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == '__main__':
    main()
