#!/usr/bin/env python3
"""Where two corpora of one fuzz target differ in coverage: the functions whose edge count differs.

    python3 tests/fuzz/coverage_diff.py FUZZ_BINARY MAX_LEN BEFORE_DIR AFTER_DIR

Runs the target once over each folder (libFuzzer -runs=0 -print_coverage=1: every input executed once, then
the covered edges of each function) and prints the INITED line of each, then one line per function whose
covered edges differ: "before -> after / total  function  file:line", qnnv's own code (core/) first. This
is how tests/fuzz/README.md says where a run's new edges were, and what tests/fuzz/edge_seeds.py adds: a
plateau rule says only that cov stopped or did not; this says which code the late edges are in.
Needs llvm-symbolizer on PATH (Debian: llvm-14, which clang depends on) for the names.
"""
import os
import re
import subprocess
import sys

FUNC = re.compile(r"^(?:UN)?COVERED_FUNC: (?:hits: \d+ )?edges: (\d+)/(\d+) (.*) (\S+:\d+)$")


def coverage(binary, max_len, folder):
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "malloc_context_size=0")
    out = subprocess.run([binary, "-runs=0", f"-max_len={max_len}", "-print_coverage=1", folder],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, check=False).stdout
    inited, funcs = "", {}
    for line in out.decode("utf-8", "replace").splitlines():
        if re.search(r"\sINITED\s", line):
            inited = line.strip()
        m = FUNC.match(line)
        if m:
            covered, total, name, where = int(m[1]), int(m[2]), m[3], m[4]
            # A function inlined or instantiated in several places is listed once per copy.
            key = (name, where)
            c0, t0 = funcs.get(key, (0, 0))
            funcs[key] = (c0 + covered, t0 + total)
    if not inited:
        sys.exit(f"coverage_diff.py: no INITED line from {binary} on {folder}:\n{out.decode('utf-8', 'replace')[-2000:]}")
    return inited, funcs


def main(binary, max_len, before_dir, after_dir):
    before_line, before = coverage(binary, max_len, before_dir)
    after_line, after = coverage(binary, max_len, after_dir)
    print(f"before: {before_line}\nafter:  {after_line}")
    rows = []
    for key in sorted(set(before) | set(after)):
        b, t = before.get(key, (0, after.get(key, (0, 0))[1]))
        a, _ = after.get(key, (0, t))
        if a != b:
            name, where = key
            where = re.sub(r"^.*?/(core|tests|wasm)/", r"\1/", where)
            own = where.startswith(("core/", "tests/"))
            rows.append((not own, where, f"{b:>4} -> {a:<4}/ {t:<4} {name[:90]}  {where}"))
    for _, _, text in sorted(rows):
        print(text)
    print(f"{len(rows)} functions differ")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    main(*sys.argv[1:])
