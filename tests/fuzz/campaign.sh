#!/usr/bin/env bash
# Sum the fuzzing runs that tests/fuzz/run.sh logged (build-sanitize/ and build-fuzz/ logs/campaign.tsv): executions
# and crashes per harness, over the runs made at COMMIT (a short hash as run.sh logs it; default: every commit).
#   tests/fuzz/campaign.sh [COMMIT]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
want=${1:-}
logs=()
for f in "$root/build-sanitize/logs/campaign.tsv" "$root/build-fuzz/logs/campaign.tsv"; do [ -f "$f" ] && logs+=("$f"); done
[ ${#logs[@]} -eq 0 ] && { echo "no campaign logs yet (run tests/fuzz/run.sh)" >&2; exit 2; }
cat "${logs[@]}" | awk -F'\t' -v want="$want" '
  want == "" || $2 == want {
    k = $4; if (!(k in runs)) order[++n] = k
    runs[k]++; secs[k] += $5; crashes[k] += $7
    if ($6 ~ /^[0-9]+$/) execs[k] += $6; else unknown[k] = 1
    builds[k] = (index(builds[k], $3) ? builds[k] : builds[k] (builds[k] ? "+" : "") $3)
    commits[k] = (index(commits[k], $2) ? commits[k] : commits[k] (commits[k] ? " " : "") $2)
  }
  END {
    printf "%-16s %5s %8s %13s %8s  %-10s %s\n", "harness", "runs", "seconds", "executions", "crashes", "builds", "commits"
    for (i = 1; i <= n; i++) { k = order[i]
      printf "%-16s %5d %8d %13s %8d  %-10s %s\n", k, runs[k], secs[k], execs[k] (unknown[k] ? "+?" : ""), crashes[k], builds[k], commits[k] }
  }'
