#!/usr/bin/env python3
"""What each statement costs PostgreSQL in CPU, measured in place under load: log_statement_stats over a window.

Usage:
  pg-statement-cpu.py on PORT STATE
      Turns on PostgreSQL's per-message resource usage log (log_statement_stats, with each entry's statement:
      log_min_error_statement = log) on the server at 127.0.0.1:PORT, and writes to STATE the CPU time every
      PostgreSQL process has used so far (/proc/…/schedstat, ns) with the pool each backend serves
      (pg_stat_activity.application_name).
  pg-statement-cpu.py off PORT STATE
      Turns the log off again and adds to STATE what every process used since "on", by pool.
  pg-statement-cpu.py calls PORT STATE
      The calls that ended between "on" and "off" (ask a few seconds after "off": ends are written after the calls).
  pg-statement-cpu.py report LOG STATE [CALLS]
      From the server's log (one file: the server must have started with logging_collector = on and
      log_line_prefix = '%p'): the CPU (user + system, from getrusage) of each message (parse, bind, execute,
      or a simple query), summed by statement and pool, beside what the pools' backends used in all over the
      window (STATE). The difference is what no message reported: mostly the commits (the Sync message ends an
      autocommit transaction outside any message's figures, and a synchronous commit waits for the WAL's flush there),
      and reading the next message. With CALLS (the calls completed in the window), figures per call too.

The server needs, at its start (these are not settable later):
  -Ddancham.db.server-settings.logging_collector=on -Ddancham.db.server-settings.log_directory=/tmp/pgstats
  -Ddancham.db.server-settings.log_filename=pg.log -Ddancham.db.server-settings.log_line_prefix=%p
(through BENCH_APP_JVM_OPTS for bench/run.sh fastagi). The log itself costs the server CPU while it is on: a
window's figures are for comparing statements with each other, not goal figures.

Why: the hotline's PostgreSQL used 0.79 ms per call (bench/results/2026-12-04-2315-fastagi-small.md), and
pg_stat_statements gives the executor's wall time, which on the shared core includes waiting for it, and leaves out
parsing, binding and the commit. getrusage's deltas, which PostgreSQL reports per message with this setting, are CPU.
"""
import collections
import json
import os
import re
import subprocess
import sys


OTHER = 'other (started in the window or auxiliary)'


def psql(port, sql, database='postgres'):
    return subprocess.run(['psql', '-h', '127.0.0.1', '-p', str(port), '-U', 'postgres', '-d', database, '-Atc',
                           sql], check=True, capture_output=True, text=True, env={**os.environ, 'PGPASSWORD': 'postgres'}
                          ).stdout


def postgres_cpu():
    """Every PostgreSQL process's CPU so far, in ns."""
    cpu = {}
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            if not open(f'/proc/{p}/comm').read().startswith('postgres'):
                continue
            cpu[p] = int(open(f'/proc/{p}/schedstat').read().split()[0])
        except OSError:
            continue
    return cpu


def pools(port):
    names = {}
    for line in psql(port, "SELECT pid, coalesce(nullif(application_name, ''), backend_type) "
                           "FROM pg_stat_activity").splitlines():
        pid, _, name = line.partition('|')
        names[pid] = name
    return names


def switch(port, on):
    if on:
        psql(port, "ALTER SYSTEM SET log_statement_stats = on")
        psql(port, "ALTER SYSTEM SET log_min_error_statement = log")
    else:
        psql(port, "ALTER SYSTEM RESET log_statement_stats")
        psql(port, "ALTER SYSTEM RESET log_min_error_statement")
    psql(port, "SELECT pg_reload_conf()")


# '%p' (each backend's pool then comes from STATE), or '%p|%a|' on a server whose configuration takes the '|'s (the
# embedded one's refuses them).
PREFIX = re.compile(r'^(\d+)(?:\|([^|]*)\|)?(LOG|DETAIL|STATEMENT|ERROR|WARNING|FATAL|HINT|CONTEXT):\s+(.*)$')
USAGE = re.compile(r'([\d.]+) s user, ([\d.]+) s system, ([\d.]+) s elapsed')


def entries(path):
    """(pid, app, level, text) per log entry; continuation lines (starting with a tab) joined to their entry."""
    current = None
    with open(path, errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            m = PREFIX.match(line)
            if m:
                if current:
                    yield current
                current = [m.group(1), m.group(2), m.group(3), m.group(4)]
            elif current is not None:
                current[3] += '\n' + line
    if current:
        yield current


def shape(statement):
    return re.sub(r'\s+', ' ', statement).strip()[:110]


def report(log, state_file, calls):
    state = json.load(open(state_file))
    names = state.get('pools', {})
    # (pool, statement) -> message kind -> [CPU s, messages]
    by_statement = collections.defaultdict(lambda: collections.defaultdict(lambda: [0.0, 0]))
    by_pool_kind = collections.defaultdict(lambda: [0.0, 0])
    pending = None
    messages = 0
    for pid, app, level, text in entries(log):
        app = app or names.get(pid, OTHER)
        if level == 'LOG' and text.endswith('STATISTICS'):
            pending = [pid, app, text.split()[0].lower(), None]
        elif level == 'DETAIL' and pending and pending[0] == pid and pending[3] is None:
            m = USAGE.search(text)
            pending[3] = float(m.group(1)) + float(m.group(2)) if m else 0.0
        elif level == 'STATEMENT' and pending and pending[0] == pid and pending[3] is not None:
            k = by_statement[(pending[1], shape(text))][pending[2]]
            k[0] += pending[3]
            k[1] += 1
            pk = by_pool_kind[(pending[1], pending[2])]
            pk[0] += pending[3]
            pk[1] += 1
            messages += 1
            pending = None
    used = state['used_ns_by_pool']
    div = calls or 1
    unit = 'ms per call' if calls else 's'
    scale = 1000 if calls else 1
    print(f'Window: {state.get("from")} to {state.get("to")}; calls that ended in it: {calls or "not given"}; '
          f'messages with figures: {messages}.')
    print()
    print(f'CPU by pool over the window ({unit}): all its processes / reported by its messages (by kind) / '
          'not reported (commits at Sync, reading and answering messages, and this log\'s own writing)')
    for pool, ns in sorted(used.items(), key=lambda kv: -kv[1]):
        total = ns / 1e9
        kinds = {k: v for (p, k), v in by_pool_kind.items() if p == pool}
        reported = sum(v[0] for v in kinds.values())
        split = ', '.join(f'{k} {v[0] * scale / div:.4f}' for k, v in sorted(kinds.items()))
        print(f'  {pool:45s} {total * scale / div:8.4f} / {reported * scale / div:8.4f} ({split or "-"}) / '
              f'{(total - reported) * scale / div:8.4f}')
    print()
    print(f'Statements by CPU ({unit}; user + system of their messages; the 30 with most), each message kind with '
          'its count and mean:')
    rows = sorted(by_statement.items(), key=lambda kv: -sum(v[0] for v in kv[1].values()))[:30]
    for (pool, text), kinds in rows:
        cpu = sum(v[0] for v in kinds.values())
        kinds_text = ', '.join(f'{k} {v[1]} × {v[0] * 1e6 / v[1]:.1f} µs' for k, v in sorted(kinds.items()))
        print(f'  {cpu * scale / div:8.4f}  {pool} · {kinds_text}')
        print(f'            {text}')


def main():
    if len(sys.argv) >= 4 and sys.argv[1] in ('on', 'off'):
        port, state_file = sys.argv[2], sys.argv[3]
        if sys.argv[1] == 'on':
            snapshot = postgres_cpu()
            names = pools(port)
            switch(port, True)
            at = psql(port, "SELECT now()").strip()
            json.dump({'start_ns': snapshot, 'pools': names, 'from': at}, open(state_file, 'w'))
        else:
            switch(port, False)
            end = postgres_cpu()
            state = json.load(open(state_file))
            names = {**pools(port), **state['pools']}
            used = collections.Counter()
            for pid, ns in end.items():
                used[names.get(pid, OTHER)] += ns - state['start_ns'].get(pid, 0)
            state['used_ns_by_pool'] = dict(used)
            state['to'] = psql(port, "SELECT now()").strip()
            # The calls that ended in the window (their ends are written a moment after them: asked again by report).
            state['calls_sql'] = (f"SELECT count(*) FROM hotline_call WHERE ended_at >= '{state['from']}' "
                                  f"AND ended_at < '{state['to']}'")
            json.dump(state, open(state_file, 'w'))
            print(json.dumps({k: round(v / 1e6, 1) for k, v in used.items()}))
    elif len(sys.argv) >= 4 and sys.argv[1] == 'calls':
        state = json.load(open(sys.argv[3]))
        print(psql(sys.argv[2], state['calls_sql'], 'dancham').strip())
    elif len(sys.argv) >= 4 and sys.argv[1] == 'report':
        report(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 0)
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == '__main__':
    main()
