#!/usr/bin/env bash
# Every HTP SoC in one pass (validate_socs) vs one validation, on generated graphs (bench/gen_graph.py).
# Usage: bench/socs.sh [SIZES...]   (default: 100000; QNNV_BENCH_ROUNDS=N interleaved rounds, default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100000)
cmake --preset native >/dev/null
cmake --build --preset native -j "$(nproc)" --target qnnv_bench_socs >/dev/null
mkdir -p build/bench
for n in "${sizes[@]}"; do
  f="build/bench/decoder_${n}.json"
  [ -f "$f" ] || python3 bench/gen_graph.py --nodes "$n" -o "$f"
  echo "== $n nodes"
  build/native/qnnv_bench_socs "$f" "${QNNV_BENCH_ROUNDS:-7}"
done
