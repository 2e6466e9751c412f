#!/usr/bin/env python3
# CPU per call by thread group / backend over a window of bench/tools/Sampler.java samples (issue 16).
import sys
# usage: cpu-budget.py sample.tsv t0_ms t1_ms calls
f, t0, t1, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
rows = []
for line in open(f):
    p = line.rstrip('\n').split('\t')
    d = {}
    for kv in p[1:]:
        k, v = kv.rsplit('=', 1); d[k] = int(v)
    rows.append((int(p[0]), d))
a = min(rows, key=lambda r: abs(r[0]-t0)); b = min(rows, key=lambda r: abs(r[0]-t1))
print("window %.1f s, calls %d" % ((b[0]-a[0])/1000, calls))
tot = {}
for k in sorted(set(a[1]) | set(b[1])):
    dv = (b[1].get(k, 0) - a[1].get(k, 0)) * 10.0  # ms
    if dv > 0:
        tot[k] = dv
s = sum(tot.values())
for k, v in sorted(tot.items(), key=lambda kv: -kv[1]):
    print("%-40s %8.0f ms  %6.3f ms/call  %5.1f %%" % (k, v, v/calls, 100*v/s))
print("total %.0f ms, %.3f ms/call" % (s, s/calls))
