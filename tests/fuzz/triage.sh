#!/usr/bin/env bash
# Group crash artifacts by cause: reruns each input once and prints its signature (the uncaught exception or the
# sanitizer's summary) and the first migcalc frame of the stack, then one line per distinct cause with its smallest
# input.   tests/fuzz/triage.sh [ARTIFACT...]   (default: every file in build-sanitize/artifacts/)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-sanitize"
files=("$@")
[ ${#files[@]} -eq 0 ] && mapfile -t files < <(find "$build/artifacts" -maxdepth 1 -type f | sort)
[ ${#files[@]} -eq 0 ] && { echo "no artifacts"; exit 0; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in "${files[@]}"; do
  base=$(basename "$f")
  harness=${base%%-*}
  bin="$build/tests/fuzz/$harness"
  [ -x "$bin" ] || { echo "$f: no binary $bin" >&2; continue; }
  out=$(ASAN_OPTIONS=detect_leaks=1 timeout 60 "$bin" -timeout=10 -rss_limit_mb=2048 "$f" 2>&1)
  what=$(grep -m1 -E "what\(\): |^SUMMARY: |runtime error: |ERROR: libFuzzer: (timeout|out-of-memory|deadly)" <<<"$out" |
         sed -E "s/'[^']*'/'…'/g; s/0x[0-9a-f]+/0x…/g; s/^.*what\(\): +//; s/^SUMMARY: //; s/[0-9]+ byte\(s\)/N bytes/")
  [ -z "$what" ] && what="no crash on rerun (flaky, or fixed)"
  frame=$(grep -E "^ +#[0-9]+ .* in migcalc::" <<<"$out" | head -1 | sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ in //; s/\(.*//')
  printf '%s\t%s\t%s\t%s\t%s\n' "$harness" "$what" "${frame:-?}" "$(stat -c %s "$f")" "$f" >>"$tmp"
done
echo "harness | cause | first migcalc frame | smallest input (bytes) | inputs"
sort -t$'\t' -k1,1 -k2,2 -k3,3 -k4,4n "$tmp" |
  awk -F'\t' '{k=$1 FS $2 FS $3; if (!(k in first)) {first[k]=$5; size[k]=$4; order[++n]=k} count[k]++}
              END {for (i=1;i<=n;i++) {k=order[i]; split(k,a,FS); printf "%s | %s | %s | %s (%d B) | %d\n", a[1], a[2], a[3], first[k], size[k], count[k]}}'
