#!/usr/bin/env bash
# Build the sanitize preset (clang-14, ASan + UBSan: the doctest suite and these harnesses share its object files) and
# run every libFuzzer harness for a fixed budget.
#
#   tests/fuzz/run.sh [SECONDS_PER_HARNESS] [HARNESS...]     (default 20 s each, every harness)
#
# Each harness fuzzes from its committed seeds (tests/fuzz/corpus/<reader>/, read only) into build-sanitize/corpus/<reader>/;
# crashes, timeouts (> 10 s for one input), out-of-memory (> 2048 MB) and leaks are written to build-sanitize/artifacts/.
# libFuzzer runs in fork mode and keeps going after a crash, so one run finds several causes (FUZZ_FORK=0: stop at
# the first, in one process). Prints harness, executions, crashes; exits 1 on any crash, 2 when it cannot fuzz at
# all (no clang, no libFuzzer, a build failure): a check that cannot run fails, it never passes quietly.
# Build parallelism: FUZZ_JOBS (default 1).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build-sanitize"
seconds=${1:-20}
shift || true
all=(yaml mig_parted smi_profiles smi_instances plan fleet_export gpu_model seed export_request check_strings)
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${all[@]}")

die() { echo "fuzz: $*" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || die "SECONDS_PER_HARNESS must be a whole number of seconds, not '$seconds'"

# The reader's input size: a little above its largest realistic input.
max_len() {
  case $1 in
    gpu_model) echo 16384 ;;
    yaml|mig_parted|smi_profiles|smi_instances) echo 8192 ;;
    plan|fleet_export|export_request) echo 4096 ;;
    seed) echo 2048 ;;
    check_strings) echo 512 ;;
    *) echo 4096 ;;
  esac
}
dict() {
  case $1 in
    yaml|mig_parted) echo yaml ;;
    smi_profiles|smi_instances) echo smi ;;
    check_strings) echo check_strings ;;
    *) echo json ;;
  esac
}

# Tools first: without clang and libFuzzer there is nothing to run, and that is a failure.
command -v clang++-14 >/dev/null || command -v clang++ >/dev/null ||
  die "clang++-14 not found (apt-get install clang-14 libclang-rt-14-dev)"
command -v cmake >/dev/null || die "cmake not found"
probe=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$probe"' EXIT
printf '#include <cstdint>\n#include <cstddef>\nextern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }\n' >"$probe/p.cpp"
"$(command -v clang++-14 || command -v clang++)" -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" 2>"$probe/err" ||
  { cat "$probe/err" >&2; die "clang cannot link -fsanitize=fuzzer,address,undefined (apt-get install libclang-rt-14-dev)"; }

cd "$root" || die "no $root"
if [ ! -f "$build/build.ninja" ]; then
  cmake --preset sanitize >"$probe/configure.log" 2>&1 || { tail -30 "$probe/configure.log" >&2; die "configure (cmake --preset sanitize) failed"; }
fi
cmake --build "$build" --target migcalc_fuzzers -j "${FUZZ_JOBS:-2}" || die "build (the migcalc_fuzzers target of build-sanitize) failed"

mkdir -p "$build/artifacts" "$build/logs"
stamp="$build/logs/.start"
touch "$stamp"
sleep 1  # artifacts of this run are those newer than the stamp

fork=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
[ "${FUZZ_FORK:-1}" = 0 ] && fork=()

status=0
rows=()
for h in "${harnesses[@]}"; do
  bin="$build/tests/fuzz/fuzz_$h"
  [ -x "$bin" ] || die "no harness fuzz_$h (known: ${all[*]})"
  seeds="$here/corpus/$h"
  [ -d "$seeds" ] || die "no seed corpus $seeds"
  work="$build/corpus/$h"
  mkdir -p "$work"
  log="$build/logs/fuzz_$h.log"
  echo "fuzz_$h: ${seconds}s, -max_len=$(max_len "$h") (log: $log)"
  "$bin" "${fork[@]}" -max_total_time="$seconds" -max_len="$(max_len "$h")" -timeout=10 -rss_limit_mb=2048 \
    -dict="$here/dict/$(dict "$h").dict" -artifact_prefix="$build/artifacts/fuzz_$h-" -print_final_stats=1 \
    "$work" "$seeds" >"$log" 2>&1
  rc=$?
  # Executions: the final stats (one process) or the last fork-mode status line ("#N: cov: ...").
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  [ -z "$execs" ] && execs=$(grep -Eo '^#[0-9]+: cov' "$log" | grep -Eo '[0-9]+' | tail -1)
  [ -z "$execs" ] && execs=$(grep -Eo '^#[0-9]+' "$log" | tr -d '#' | tail -1)
  crashes=$(find "$build/artifacts" -maxdepth 1 -name "fuzz_$h-*" -newer "$stamp" -type f | wc -l)
  if [ "$crashes" -eq 0 ] && [ $rc -ne 0 ]; then crashes=1; fi  # a failure without an artifact is still a failure
  if [ -z "$execs" ]; then execs="?"; status=1; echo "fuzz_$h: no execution count in $log" >&2; fi
  [ "$crashes" -gt 0 ] && status=1
  rows+=("$(printf '%-22s %12s %8s' "fuzz_$h" "$execs" "$crashes")")
done

echo
printf '%-22s %12s %8s\n' harness executions crashes
for r in "${rows[@]}"; do echo "$r"; done
if [ $status -ne 0 ]; then
  echo
  echo "Crash inputs (reproduce: build-sanitize/tests/fuzz/fuzz_<reader> FILE):"
  find "$build/artifacts" -maxdepth 1 -type f -newer "$stamp" | sort
fi
exit $status
