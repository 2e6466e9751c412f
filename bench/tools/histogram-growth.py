#!/usr/bin/env python3
"""What a JVM holds under load that it did not hold idle: two `jcmd <pid> GC.class_histogram` outputs compared.

Usage: histogram-growth.py IDLE.txt LOADED.txt [N]
Each histogram follows a full collection (jcmd forces one), so both count reachable objects only. Prints the N
(default 25) classes whose bytes grew most, with the growth in instances. Taken while a server runs calls, the growth
is the work in flight: what each young collection finds alive and has to copy.
"""
import sys


def read(path):
    classes, total = {}, (0, 0)
    for line in open(path, encoding='utf-8', errors='replace'):
        parts = line.split()
        if len(parts) >= 4 and parts[0].endswith(':'):
            classes[parts[3]] = (int(parts[1]), int(parts[2]))
        elif parts[:1] == ['Total']:
            total = (int(parts[1]), int(parts[2]))
    return classes, total


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    (idle, idle_total), (loaded, loaded_total) = read(sys.argv[1]), read(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    print(f'live heap: {idle_total[1] / 1e6:.1f} MB idle, {loaded_total[1] / 1e6:.1f} MB loaded '
          f'(+{(loaded_total[1] - idle_total[1]) / 1e6:.1f} MB, +{loaded_total[0] - idle_total[0]:,} objects)')
    growth = sorted(((loaded.get(k, (0, 0))[1] - idle.get(k, (0, 0))[1],
                      loaded.get(k, (0, 0))[0] - idle.get(k, (0, 0))[0], k) for k in set(idle) | set(loaded)),
                    reverse=True)
    print(f'{"bytes":>12} {"instances":>10}  class')
    for size, count, name in growth[:n]:
        print(f'{size:>12,} {count:>10,}  {name}')


if __name__ == '__main__':
    main()
