#!/usr/bin/env bash
# Compares `kvlint std` with a driver running an analyzer that does nothing but declare a
# fact type (scripts/factonly). Budget: kvlint at most 1.10x the baseline.
#
#   scripts/bench-kvlint.sh [runs] [packages]     (default: 3 runs, std)
#
# Each tool runs once untimed to warm the build and module caches, then RUNS times;
# the script prints the median wall time of each and the ratio, and exits 1 when the
# ratio exceeds the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
pkgs="${2:-std}"
budget="1.10"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kvlint" ./cmd/kvlint
go build -o "$tmp/factonly" ./scripts/factonly

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

time_runs() {
  local bin="$1"
  "$bin" $pkgs >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$bin" $pkgs >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN {print e - s}'
  done | median
}

# Interleave nothing: run the baseline first, then kvlint, on an otherwise idle machine.
base=$(time_runs "$tmp/factonly")
kv=$(time_runs "$tmp/kvlint")
ratio=$(awk -v k="$kv" -v b="$base" 'BEGIN {print k / b}')
printf 'packages: %s, runs: %s, GOMAXPROCS: %s\n' "$pkgs" "$runs" "${GOMAXPROCS:-$(nproc)}"
printf 'factonly (fact-type-only analyzer): %.2fs\n' "$base"
printf 'kvlint:                              %.2fs\n' "$kv"
printf 'ratio: %.3f (budget %s)\n' "$ratio" "$budget"
if awk -v r="$ratio" -v b="$budget" 'BEGIN {exit !(r > b)}'; then
  echo "kvlint is over budget" >&2
  exit 1
fi
