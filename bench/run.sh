#!/usr/bin/env bash
# Benchmarks (not tests): generates 10k- and 100k-node graphs from the decoder sample and measures
#  - native: DOM parse vs validate, ns per node, peak RSS          (bench/bench_native.cpp)
#  - CLI:    the native CLI end to end, heap on huge vs small pages   (bench/cli_pages.py)
#  - wasm:   the same core in wasm vs native vs V8 JSON.parse, and the JS API end to end
#            (bench/wasm_bench.mjs; bench_native.cpp built to wasm as build/wasm/qnnv_bench.js)
# Usage: bench/run.sh [SIZES...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000)
cmake --preset native >/dev/null
cmake --build --preset native -j "$(nproc)" --target qnnv_bench qnnv >/dev/null
mkdir -p build/bench
for n in "${sizes[@]}"; do
  f="build/bench/decoder_${n}.json"
  [ -f "$f" ] || python3 bench/gen_graph.py --nodes "$n" -o "$f"
  echo "== $n nodes ($(stat -c %s "$f") bytes)"
  build/native/qnnv_bench time "$f"
  build/native/qnnv_bench rss parse "$f"
  build/native/qnnv_bench rss validate "$f"
  build/native/qnnv_bench rss owned "$f"
done
# The native CLI end to end, its heap on huge pages (the default for large inputs) and on small ones.
files=()
for n in "${sizes[@]}"; do files+=("build/bench/decoder_${n}.json"); done
python3 bench/cli_pages.py --cli build/native/qnnv --runs 5 "${files[@]}"
if [ -f wasm/dist/qnnv_wasm.mjs ]; then
  # The same benchmark binary compiled to wasm (core timings inside the module), when emcc is here.
  if command -v emcmake >/dev/null && [ -f build/wasm/CMakeCache.txt ]; then
    NODE_PATH=/usr/share/nodejs cmake --build build/wasm -j "$(nproc)" --target qnnv_bench >/dev/null
  fi
  echo "== wasm vs native vs JSON.parse"
  # Five interleaved rounds: the ratio of each round's medians is what bench/README.md quotes, since one
  # round on a shared machine can be off by a third.
  QNNV_BENCH=build/native/qnnv_bench QNNV_WASM_BENCH=build/wasm/qnnv_bench.js node bench/wasm_bench.mjs --rounds 5 "${files[@]}"
else
  echo "(wasm/dist not built: scripts/build.sh wasm, then rerun for the WASM figures)"
fi
