#!/usr/bin/env bash
# Installs what qnnv's build and tests need on Debian 12, and nothing that is already there.
# Idempotent; quick when everything is in place. Usage: scripts/setup.sh [--web-only]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make pkg-config nlohmann-json3-dev libgtest-dev emscripten chromium python3 python3-torch
          clang libclang-rt-14-dev valgrind
          xz-utils  # scripts/fuzz.sh reads and writes the committed fuzz corpus (tests/fuzz/corpus/*.tar.xz)
          libxml2-utils  # xmllint: the JUnit output is checked against the common JUnit XSD
          pybind11-dev python3-dev python3-pip python3-setuptools)  # the Python package qnnv
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: need root to apt-get install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
fi

# Browser-test driver (playwright-core only: the browser is Debian's chromium, never a download).
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
fi
