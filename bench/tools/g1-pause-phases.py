#!/usr/bin/env python3
"""What G1's young pauses spent their time on, from a JVM's debug GC log.

Usage: g1-pause-phases.py GC_LOG [MIN_MS]
The log must be written with -Xlog:gc*=debug:file=GC_LOG:utctime (e.g. BENCH_APP_JVM_OPTS on the fastagi bench).
For every young pause of at least MIN_MS (default 0): its wall time, the bytes it copied into survivor and old
regions (the PLAB lines), the worker time summed over the workers of Object Copy and Ext Root Scanning, and the
copy rate (bytes copied per millisecond of Object Copy). Then the same for all pauses together.
"""
import re
import sys

path = sys.argv[1]
least = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
gcs = {}
order = []
for line in open(path, encoding="utf-8", errors="replace"):
    m = re.search(r"GC\((\d+)\) (.*)$", line)
    if not m:
        continue
    n, rest = int(m.group(1)), m.group(2)
    g = gcs.setdefault(n, {})
    if n not in order:
        order.append(n)
    p = re.match(r"Pause Young .* (\d+\.\d+)ms$", rest)
    if p:
        g["pause"] = float(p.group(1))
        g["at"] = line[1:24]
    for kind in ("Young", "Old"):
        q = re.match(kind + r" PLAB allocation: allocated: \d+B, wasted: \d+B, unused: \d+B, used: (\d+)B", rest)
        if q:
            g[kind] = int(q.group(1))
        q = re.match(kind + r" other allocation: .* direct allocated: (\d+)B", rest)
        if q:
            g[kind] = g.get(kind, 0) + int(q.group(1))
    for phase, key in (("Object Copy", "copy"), ("Ext Root Scanning", "roots")):
        q = re.match(r"\s*" + phase + r" \(ms\):.*Sum: (\d+\.\d+)", rest)
        if q:
            g[key] = float(q.group(1))

rows = [(n, gcs[n]) for n in order if "pause" in gcs[n] and gcs[n]["pause"] >= least]
print("%-24s %6s %10s %10s %12s %12s %14s" % ("ended (UTC)", "GC", "pause ms", "copied MB", "copy ms sum",
                                              "roots ms sum", "copy MB/s"))
tot = {"pause": 0, "bytes": 0, "copy": 0}
for n, g in rows:
    copied = g.get("Young", 0) + g.get("Old", 0)
    rate = copied / 1e6 / (g["copy"] / 1000) if g.get("copy") else float("nan")
    print("%-24s %6d %10.1f %10.1f %12.1f %12.1f %14.0f" % (g["at"], n, g["pause"], copied / 1e6, g.get("copy", 0),
                                                          g.get("roots", 0), rate))
    tot["pause"] += g["pause"]
    tot["bytes"] += copied
    tot["copy"] += g.get("copy", 0)
if rows:
    print("%d pauses of at least %.1f ms: %.1f ms in all, %.1f MB copied, Object Copy %.1f ms summed over the "
          "workers, %.0f MB/s" % (len(rows), least, tot["pause"], tot["bytes"] / 1e6, tot["copy"],
                                  tot["bytes"] / 1e6 / (tot["copy"] / 1000) if tot["copy"] else float("nan")))
