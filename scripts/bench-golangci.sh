#!/usr/bin/env bash
# Compares golangci-lint with and without kvlint on the same module: the same binary
# (scripts/golangci-custom.sh), once with golangci-lint's standard linters (errcheck, govet,
# ineffassign, staticcheck, unused), once with those and kvlint. Budget: kvlint adds at
# most 10% (ratio 1.10).
#
#   scripts/bench-golangci.sh [runs] [module dir] [packages...]
#       default: 3 runs, cmd/kvlint/testdata/e2e, its native packages
#   scripts/bench-golangci.sh 3 . ./...      this repository's root module (OPA and all:
#                                            no KV client, kvlint's early exits)
#
# Every run starts with an empty golangci-lint cache, so that each one analyses every
# package (and every dependency, for facts) instead of replaying the last run; the Go build
# cache stays warm, as it is in CI after go build. The two configurations alternate, run
# after run, so that a slow minute of the machine hurts both. The script prints the median
# wall time of each and the ratio, and exits 1 when the ratio exceeds the budget.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
dir="${2:-$root/cmd/kvlint/testdata/e2e}"
shift $(($# > 2 ? 2 : $#))
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
  pkgs=(./cfv0/... ./cfv6/... ./clean/...)
fi
budget="1.10"

bin="$("$root/scripts/golangci-custom.sh" proxy)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

config() { # $1: file, $2: extra linters
  cat >"$1" <<EOF
version: "2"
linters:
  default: standard
  enable: [$2]
  settings:
    custom:
      kvlint:
        type: module
        description: Workers KV misuse
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
EOF
}
# The baseline's enable list repeats a standard linter so both files have the same shape.
config "$tmp/without.yml" "govet"
config "$tmp/with.yml" "govet, kvlint"

one_run() { # $1: config; prints seconds
  local start end
  rm -rf "$tmp/cache"
  start=$(date +%s.%N)
  (cd "$dir" && GOWORK=off GOLANGCI_LINT_CACHE="$tmp/cache" "$bin" run --config "$1" "${pkgs[@]}" >"$tmp/out" 2>&1) || {
    # Exit 1 means issues were found, which is expected; anything else is a failure.
    [ $? -eq 1 ] || { cat "$tmp/out" >&2; exit 2; }
  }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {print e - s}'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One untimed run of each warms the Go build cache (export data of the dependencies).
one_run "$tmp/without.yml" >/dev/null
one_run "$tmp/with.yml" >/dev/null
: >"$tmp/without.times"
: >"$tmp/with.times"
for _ in $(seq "$runs"); do
  one_run "$tmp/without.yml" >>"$tmp/without.times"
  one_run "$tmp/with.yml" >>"$tmp/with.times"
done
base=$(median <"$tmp/without.times")
kv=$(median <"$tmp/with.times")
ratio=$(awk -v k="$kv" -v b="$base" 'BEGIN {print k / b}')

printf 'module: %s, packages: %s, runs: %s, CPUs: %s\n' "${dir#"$root"/}" "${pkgs[*]}" "$runs" "${GOMAXPROCS:-$(nproc)}"
printf 'golangci-lint, standard linters:          %.2fs\n' "$base"
printf 'golangci-lint, standard linters + kvlint: %.2fs\n' "$kv"
printf 'ratio: %.3f (budget %s)\n' "$ratio" "$budget"
if awk -v r="$ratio" -v b="$budget" 'BEGIN {exit !(r > b)}'; then
  echo "kvlint is over budget" >&2
  exit 1
fi
