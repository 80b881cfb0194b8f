#!/usr/bin/env bash
# Runs every test, building each configuration once:
#   format    clang-format --dry-run on every C++ source (.clang-format)
#   native    g++, warnings as errors: the doctest suite, and the CLI the node suites run
#   sanitize  clang-14 with ASan + UBSan: the same doctest suite and the libFuzzer harnesses, from one set of objects;
#             each harness then fuzzes for MIGCALC_FUZZ_SECONDS (default 10) from its committed corpus
#   wasm      emcc: the three modules the page loads and the doctest suite under node
# then node --test on the CLI (tests/cli), the module (tests/js), npm yaml (tests/yaml-compat) and the page in
# Chromium (tests/e2e), all against those builds. Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NODE_PATH=/usr/share/nodejs
rm -rf build build-sanitize build-wasm web/migcalc.js web/migcalc-http.js web/migcalc-http.wasm web/migcalc-full-http.js web/migcalc-full-http.wasm
started=$(date +%s)
timings=()
step_start=0
step_name=""
step() {
  local now
  now=$(date +%s)
  [ -n "$step_name" ] && timings+=("$(printf '%5ds  %s' $((now - step_start)) "$step_name")")
  step_name="$*"
  step_start=$now
  [ -n "$step_name" ] && { echo; echo "=== $* ==="; }
  return 0
}
step "format: clang-format --dry-run --Werror"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run --Werror "${sources[@]}"
step "native build + doctest (warnings as errors)"
cmake --workflow --preset native
step "sanitize build (clang, ASan + UBSan) + doctest"
cmake --workflow --preset sanitize
step "fuzz every reader for ${MIGCALC_FUZZ_SECONDS:-10} s"
bash tests/fuzz/run.sh "${MIGCALC_FUZZ_SECONDS:-10}"
step "wasm build + doctest under node"
cmake --workflow --preset wasm
for dir in tests/cli tests/js tests/yaml-compat tests/e2e; do
  step "node --test $dir"
  MIGCALC_BIN="$PWD/build/cli/migcalc" node --test "$dir/"
done
step ""
echo
echo "Time per step ($(nproc) cores):"
printf '%s\n' "${timings[@]}"
echo "$(printf '%5ds' $(($(date +%s) - started)))  in all"
echo
echo "All test suites passed."
