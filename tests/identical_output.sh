#!/usr/bin/env bash
# Captures what the CLI says about every input file the loader is held to: each fixture (good, bad, configs),
# hostile file, fuzz regression and (when present) the two shared samples, validated as JSON and as text, for
# the default SoC and for SM8350. For each run it keeps stdout, stderr and the exit code, so that two captures
# (before and after a refactoring) can be compared with `diff -r`.
# Usage: tests/identical_output.sh CLI OUTDIR [EXTRA_FILE...]
set -uo pipefail
cli=$(realpath "$1"); out=$2; shift 2
cd "$(dirname "$0")/.."
mkdir -p "$out"
files=$( { find tests/fixtures tests/hostile/files tests/fuzz/regressions -type f ! -name README.md; printf '%s\n' "$@"; } | sort)
n=0
for f in $files; do
  key=$(printf '%s' "$f" | tr '/' '_')
  for soc in default SM8350; do
    socargs=(); [ "$soc" = default ] || socargs=(--soc "$soc")
    for fmt in json text; do
      base="$out/$key.$soc.$fmt"
      "$cli" validate "$f" --format "$fmt" "${socargs[@]}" >"$base.out" 2>"$base.err"
      echo $? >"$base.rc"
    done
  done
  n=$((n + 1))
done
echo "identical_output.sh: $n files, $((n * 4)) runs captured in $out"
