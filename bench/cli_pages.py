#!/usr/bin/env python3
"""Benchmark (not a test): the native CLI end to end, its heap on huge pages (the default for inputs of
1 MiB and more, core/cli/main.cpp) against small pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=0).

    python3 bench/cli_pages.py [--cli build/native/qnnv] [--runs 5] [--format json] GRAPH.json ...

Each round runs the CLI once in each mode, one after the other (so that load from elsewhere hits both
alike), `validate FILE --format F --no-strict` with the report thrown away. Per mode it prints the
median wall time, user and system CPU time, minor page faults and peak RSS (os.wait4's rusage of that
one run), and the ratio small / huge of the median wall times.
"""
import argparse
import os
import statistics
import subprocess
import time

MODES = (('huge pages', ''), ('small pages', 'glibc.malloc.hugetlb=0'))


def run_once(cli, graph, fmt, tunables):
    env = dict(os.environ, GLIBC_TUNABLES=tunables)
    start = time.perf_counter()
    with open(os.devnull, 'wb') as sink:
        proc = subprocess.Popen([cli, 'validate', graph, '--format', fmt, '--no-strict'], stdout=sink, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f'{cli} validate {graph}: exit status {code}')
    return {'wall_s': wall, 'user_s': usage.ru_utime, 'sys_s': usage.ru_stime,
            'faults': usage.ru_minflt, 'rss_kib': usage.ru_maxrss}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cli', default='build/native/qnnv')
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--format', default='json', choices=['json', 'text', 'sarif', 'junit'])
    ap.add_argument('graphs', nargs='+')
    args = ap.parse_args()
    for graph in args.graphs:
        runs = {name: [] for name, _ in MODES}
        for _ in range(args.runs):
            for name, tunables in MODES:
                runs[name].append(run_once(args.cli, graph, args.format, tunables))
        print(f'== {graph} ({os.path.getsize(graph):,} bytes), --format {args.format}, {args.runs} rounds, medians')
        for name, _ in MODES:
            med = {k: statistics.median(r[k] for r in runs[name]) for k in runs[name][0]}
            print(f'  {name:11}  wall {med["wall_s"]:7.3f} s  user {med["user_s"]:6.3f} s  sys {med["sys_s"]:6.3f} s  '
                  f'faults {med["faults"]:9,.0f}  peak RSS {med["rss_kib"]:9,.0f} KiB')
        huge = statistics.median(r['wall_s'] for r in runs['huge pages'])
        small = statistics.median(r['wall_s'] for r in runs['small pages'])
        print(f'  small / huge (wall): {small / huge:.2f}')


if __name__ == '__main__':
    main()
