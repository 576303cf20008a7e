#!/usr/bin/env bash
# Compares `kvlint std` with a driver running an analyzer that does nothing but declare a
# fact type (scripts/factonly). Budget: kvlint at most 1.10x the baseline.
#
#   scripts/bench-kvlint.sh [runs] [packages]     (default: 7 runs, std)
#
# Each tool runs once untimed to warm the caches, then RUNS times, alternating (single runs
# vary by ±10 % on a 2-core VM: fewer than 7 runs can put the median on either side); the
# script prints the median CPU time of each and the ratio, and exits 1 when the ratio
# exceeds the budget, or when a run fails (exit status other than 0, or 3 for findings).
set -euo pipefail
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }
cd "$(dirname "$0")/.."
runs="${1:-7}"
pkgs="${2:-std}"
budget="1.10"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kvlint" ./cmd/kvlint
go build -o "$tmp/factonly" ./scripts/factonly

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# ran checks the exit status of a run: 0 (no findings) or 3 (findings, the go/analysis
# driver convention) is a finished run; anything else (a crash, a package that failed to
# load) would be timed as fast, so the benchmark stops and shows the tool's output.
ran() {
  local tool="$1" status="$2"
  case "$status" in
  0 | 3) ;;
  *)
    echo "$(basename "$tool") $pkgs exited with status $status; its output:" >&2
    tail -n 20 "$tmp/out" >&2
    exit 1
    ;;
  esac
}

# cost prints the CPU time (user + system, children included) of one run: on a shared
# machine wall time mostly measures the neighbours, CPU time measures the tool.
cost() {
  local status=0
  /usr/bin/time -o "$tmp/time" -f '%U %S' "$1" $pkgs >"$tmp/out" 2>&1 || status=$?
  ran "$1" "$status"
  awk 'END {print $1 + $2}' "$tmp/time"  # after any "exited with status" line
}

# warm runs a tool once, untimed, to fill the caches.
warm() {
  local status=0
  "$1" $pkgs >"$tmp/out" 2>&1 || status=$?
  ran "$1" "$status"
}

# Warm the caches, then alternate the two tools so that drift in machine load (other
# jobs, thermal throttling) hits both alike.
warm "$tmp/factonly"
warm "$tmp/kvlint"
: >"$tmp/base.txt"
: >"$tmp/kv.txt"
for _ in $(seq "$runs"); do
  cost "$tmp/factonly" >>"$tmp/base.txt"
  cost "$tmp/kvlint" >>"$tmp/kv.txt"
done
base=$(median <"$tmp/base.txt")
kv=$(median <"$tmp/kv.txt")
ratio=$(awk -v k="$kv" -v b="$base" 'BEGIN {print k / b}')
printf 'packages: %s, runs: %s, GOMAXPROCS: %s\n' "$pkgs" "$runs" "${GOMAXPROCS:-$(nproc)}"
printf 'factonly (fact-type-only analyzer): %.2fs CPU\n' "$base"
printf 'kvlint:                              %.2fs CPU\n' "$kv"
printf 'all runs (s): factonly %s| kvlint %s\n' "$(tr '\n' ' ' <"$tmp/base.txt")" "$(tr '\n' ' ' <"$tmp/kv.txt")"
printf 'ratio: %.3f (budget %s)\n' "$ratio" "$budget"
if awk -v r="$ratio" -v b="$budget" 'BEGIN {exit !(r > b)}'; then
  echo "kvlint is over budget" >&2
  exit 1
fi
