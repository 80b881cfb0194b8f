#!/usr/bin/env bash
# Runs every test: native doctest suite (warnings as errors), the same suite under ASan+UBSan, the wasm build
# with the doctest suite under node, the CLI tests, the JS tests on the built module, and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NODE_PATH=/usr/share/nodejs
rm -rf build build-sanitize build-wasm web/migcalc.js
step() { echo; echo "=== $* ==="; }
step "native build + doctest (warnings as errors)"
cmake --workflow --preset native
step "native doctest under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --workflow --preset sanitize
step "wasm build + doctest under node"
cmake --workflow --preset wasm
for dir in tests/cli tests/js tests/yaml-compat tests/e2e; do
  if [ -d "$dir" ]; then
    step "node --test $dir"
    MIGCALC_BIN="$PWD/build/cli/migcalc" node --test "$dir/"
  fi
done
echo
echo "All test suites passed."
