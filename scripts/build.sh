#!/usr/bin/env bash
# Builds the native CLI and library (build/native) and the WebAssembly module (build/wasm -> wasm/dist).
# Usage: scripts/build.sh [native|wasm|asan|all]   (default: native wasm)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(native wasm)
[ "${targets[0]}" = all ] && targets=(native asan wasm)

for t in "${targets[@]}"; do
  case "$t" in
    native|asan)
      cmake --preset "$t" >/dev/null
      cmake --build --preset "$t" -j "$jobs"
      ;;
    wasm)
      # Debian's emscripten finds acorn only through NODE_PATH (its system libraries come prebuilt).
      export NODE_PATH=/usr/share/nodejs
      emcmake cmake --preset wasm >/dev/null
      cmake --build build/wasm -j "$jobs"
      ;;
    *) echo "build.sh: unknown target $t" >&2; exit 2 ;;
  esac
done
