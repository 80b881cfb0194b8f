#!/usr/bin/env bash
# Build the libFuzzer harnesses and run each for a fixed budget.
#
#   tests/fuzz/run.sh [SECONDS_PER_HARNESS] [HARNESS...]     (default 20 s each, every harness)
#
# Two builds (FUZZ_BUILD):
#   asan (default)  the sanitize preset, build-sanitize/ (clang-14, ASan + UBSan; the doctest suite and these harnesses
#                   share its object files). .ci/run uses this one.
#   fast            build-fuzz/ (clang-14 -O3, UBSan only): 2 to 10 times the executions per second, for long
#                   campaigns. Everything it keeps (the corpus it grew, and any crash input) is then replayed once
#                   under the ASan + UBSan harness of build-sanitize/, so a memory error that did not crash the fast
#                   build is still found when an input that reaches it was kept.
# Each harness fuzzes from its committed seeds (tests/fuzz/corpus/<reader>/, read only) into <build>/corpus/<reader>/;
# crashes, timeouts (> 10 s for one input), out-of-memory (> 2048 MB) and leaks are written to <build>/artifacts/.
# libFuzzer runs in fork mode and keeps going after a crash, so one run finds several causes (FUZZ_FORK=0: stop at
# the first, in one process). Prints harness, executions, crashes, and appends them to <build>/logs/campaign.tsv
# (date, commit, build, harness, seconds, executions, crashes) so that a long campaign can be summed over runs
# (tests/fuzz/campaign.sh). Exits 1 on any crash, 2 when it cannot fuzz at all (no clang, no libFuzzer, a build
# failure): a check that cannot run fails, it never passes quietly. Build parallelism: FUZZ_JOBS (default 2).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=${FUZZ_BUILD:-asan}
case $mode in
  asan) build="$root/build-sanitize" ;;
  fast) build="$root/build-fuzz" ;;
  *) echo "fuzz: FUZZ_BUILD must be asan or fast, not '$mode'" >&2; exit 2 ;;
esac
asan_build="$root/build-sanitize"
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
if [ ! -f "$asan_build/build.ninja" ]; then
  cmake --preset sanitize >"$probe/configure.log" 2>&1 || { tail -30 "$probe/configure.log" >&2; die "configure (cmake --preset sanitize) failed"; }
fi
cmake --build "$asan_build" --target migcalc_fuzzers -j "${FUZZ_JOBS:-2}" || die "build (the migcalc_fuzzers target of build-sanitize) failed"
if [ "$mode" = fast ]; then
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++-14 -DMIGCALC_FUZZ=ON \
      -DMIGCALC_FUZZ_SANITIZERS=undefined -DBUILD_TESTING=OFF >"$probe/configure.log" 2>&1 ||
      { tail -30 "$probe/configure.log" >&2; die "configure of the fast fuzz build ($build) failed"; }
  fi
  cmake --build "$build" --target migcalc_fuzzers -j "${FUZZ_JOBS:-2}" || die "build (the migcalc_fuzzers target of $build) failed"
fi
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$root" status --porcelain -- core tests/fuzz 2>/dev/null)" ] && commit="$commit+changes"

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
  if [ "$mode" = fast ]; then
    # Replay what the fast build kept, once each, under ASan + UBSan (libFuzzer stops at the first crash).
    replay="$build/logs/replay_$h.log"
    "$asan_build/tests/fuzz/fuzz_$h" -runs=0 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/fuzz_$h-asan-" \
      "$work" >"$replay" 2>&1 || { echo "fuzz_$h: the ASan replay of $work failed (log: $replay)" >&2; crashes=$((crashes + 1)); }
  fi
  if [ -z "$execs" ]; then execs="?"; status=1; echo "fuzz_$h: no execution count in $log" >&2; fi
  [ "$crashes" -gt 0 ] && status=1
  rows+=("$(printf '%-22s %12s %8s' "fuzz_$h" "$execs" "$crashes")")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$commit" "$mode" "$h" "$seconds" "$execs" "$crashes" \
    >>"$build/logs/campaign.tsv"
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
