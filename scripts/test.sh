#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds, and runs every test suite qnnv has:
#   1. GoogleTest (ctest) on the native build          4. the Python package, exporter and SDK-importer tests
#   2. the same suite under ASan + UBSan               5. the browser tests (Debian's chromium, playwright-core)
#   3. node's test runner on the WebAssembly module    6. the npm package in three bundlers, in chromium
#                                                      7. the native CLI under valgrind over every fixture
# Stops at the first failing suite and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-}"
jobs=$(nproc 2>/dev/null || echo 2)

step() { printf '\n=== %s\n' "$*"; }

step setup
scripts/setup.sh

step "build (native, asan, wasm)"
scripts/build.sh native asan wasm

step "ctest (native)"
ctest --preset native -j "$jobs"

step "ctest (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan -j "$jobs"

step "node --test (WebAssembly module)"
QNNV_CLI="$PWD/build/native/qnnv" node --test tests/node/

step "python (package install, exporter, package, importer)"
# The qnnv package (python/, its C++ extension built by CMake with QNNV_PYTHON=ON), offline, for Debian's python
/usr/bin/python3 -m pip install --quiet --no-build-isolation --break-system-packages --no-deps --no-index \
  --root-user-action=ignore ./python
QNNV_CLI="$PWD/build/native/qnnv" /usr/bin/python3 -m unittest discover -s tests/python -v
/usr/bin/python3 tests/importer/test_importer.py

step "node --test (browser, headless chromium)"
node --test tests/browser/

step "node --test (the npm package bundled by esbuild, webpack and Vite, in headless chromium)"
node --test tests/bundlers/

step "valgrind (memcheck) on the native CLI"
tests/valgrind.sh build/native/qnnv

step "all suites passed"
