#!/usr/bin/env bash
# Sets up, builds, and runs qnnv's main job: serve the web page on 127.0.0.1 and print its URL.
#   scripts/run.sh            build everything, validate a bundled sample with the CLI, then serve the page
#   scripts/run.sh --no-serve only build and validate the sample (what CI-like checks use)
# PORT=8080 scripts/run.sh picks the port.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build.sh native wasm

echo
echo "=== qnnv validate tests/fixtures/tiny_decoder__16a4w_block.json --soc SM8350"
build/native/qnnv validate tests/fixtures/tiny_decoder__16a4w_block.json --soc SM8350 || true

if [ "${1:-}" = "--no-serve" ]; then exit 0; fi
echo
exec node web/serve.mjs --port "${PORT:-8000}"
