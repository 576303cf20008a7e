#!/usr/bin/env bash
# Builds golangci-lint with the kvlint module plugin (analyzers/golangci) using nothing but
# the Go module proxy: no git clone of github.com, no downloaded binary.
#
#   scripts/golangci-custom.sh [proxy]   build from the golangci-lint module source: copy it
#                                        out of the module cache, add a file importing the
#                                        plugin, replace the plugin's module with this
#                                        checkout, go build (the default)
#   scripts/golangci-custom.sh custom    the standard flow: `golangci-lint custom` with this
#                                        repository's .custom-gcl.yml, its clone of
#                                        github.com/golangci/golangci-lint.git redirected to
#                                        a local git copy of the module source (the driver
#                                        is the binary of the proxy flow: any golangci-lint
#                                        v2 has the custom command)
#   scripts/golangci-custom.sh git-env   prints the GIT_CONFIG_* exports that send
#                                        `golangci-lint custom`'s clone to the local copy:
#                                        eval "$(scripts/golangci-custom.sh git-env)"
#
# Each prints the path of what it built on standard output (progress goes to standard
# error). A build takes minutes on two cores, so results are kept under
# ${STOREWISE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/storewise}, keyed by the golangci-lint
# version and a hash of the plugin's sources (analyzers/, tests excluded) and of this
# script: a second run with unchanged sources returns at once.
#
# GOLANGCI_LINT_VERSION overrides the version (default v2.15.0, the one whose go.mod the
# analyzers module is kept compatible with).
set -euo pipefail

mode="${1:-proxy}"
version="${GOLANGCI_LINT_VERSION:-v2.15.0}"
gcl_module="github.com/golangci/golangci-lint/v2"
plugin_module="github.com/storewise/storewise/analyzers"
plugin_import="$plugin_module/golangci"

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${STOREWISE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/storewise}/golangci-lint"
mkdir -p "$cache"

# The module copies below are main modules of their own: they must not see a go.work of
# the caller, and they need to write their go.mod and go.sum, whatever -mod the caller's
# GOFLAGS asks for.
export GOWORK=off
GOFLAGS="$(printf '%s\n' ${GOFLAGS:-} | grep -v '^-mod=' | tr '\n' ' ' || true)"
export GOFLAGS

log() { printf 'golangci-custom: %s\n' "$*" >&2; }

# prune keeps the three newest binaries matching a pattern: each change of the plugin
# leaves a 50 MB binary behind, and a few let worktrees on different commits share the cache.
prune() {
  ls -t "$cache"/$1 2>/dev/null | tail -n +4 | xargs -r rm -f --
}

# One build at a time per cache: parallel test binaries share it.
exec 9>"$cache/.lock"
flock 9

# Work directories live in the cache directory (same file system, so the finished binary
# is renamed into place atomically) and go when the script ends, however it ends.
scratch=()
trap 'rm -rf "${scratch[@]}"' EXIT

# Both flows build with -trimpath (golangci-lint custom through GOFLAGS, which its go
# build inherits): it keeps the checkout's path out of the build cache keys, so the second
# flow reuses nearly every package the first compiled instead of taking minutes again.

# plugin_hash covers what goes into the plugin's compiled code, and this script (which
# decides how it is built).
plugin_hash() {
  (
    cd "$root"
    find analyzers -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) \
      ! -name '*_test.go' ! -path '*/testdata/*' | LC_ALL=C sort | xargs sha256sum
    sha256sum scripts/golangci-custom.sh .custom-gcl.yml
    go version
  ) | sha256sum | cut -c1-16
}

# module_source downloads golangci-lint's module through the proxy and prints its
# directory in the module cache.
module_source() {
  local dir
  dir="$(go mod download -json "$gcl_module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [ -z "$dir" ] || [ ! -f "$dir/go.mod" ]; then
    log "cannot download $gcl_module@$version through the module proxy"
    exit 1
  fi
  printf '%s\n' "$dir"
}

build_proxy() {
  local hash out
  hash="$(plugin_hash)"
  out="$cache/custom-gcl-$version-$hash"
  built="$out"
  if [ -x "$out" ]; then
    return
  fi
  local src work
  src="$(module_source)"
  work="$(mktemp -d "$cache/.proxy.XXXXXX")"
  scratch+=("$work")
  cp -R "$src/." "$work/"
  chmod -R u+w "$work" # the module cache is read-only
  cd "$work"
  go list -m all >"$work/.modules-before"
  # What golangci-lint custom writes into cmd/golangci-lint/plugins.go.
  cat >cmd/golangci-lint/plugins.go <<EOF
package main

import _ "$plugin_import"
EOF
  go mod edit -require="$plugin_module@v0.0.0" -replace="$plugin_module=$root/analyzers"
  # -mod=mod adds the plugin's requirements without go mod tidy, which would fetch the
  # test dependencies of every linter.
  GOFLAGS="$GOFLAGS -mod=mod" go list -m all >"$work/.modules-after"
  # The plugin must build against golangci-lint's own dependency versions (issue 6):
  # a newer requirement in analyzers/go.mod would silently upgrade every linter.
  # Modules new to the build are allowed (and listed); changed versions are not.
  awk -v plugin="$plugin_module" -v version="$version" -v raised="$work/.raised" '
    NR == FNR { v[$1] = $2; next }
    $1 == plugin { next }
    !($1 in v) { print "golangci-custom: the plugin adds " $1 " " $2 > "/dev/stderr"; next }
    v[$1] != $2 { print "  " $1 " " $2 " (golangci-lint " version " has " v[$1] ")" > raised }
  ' "$work/.modules-before" "$work/.modules-after"
  if [ -s "$work/.raised" ]; then
    log "analyzers/go.mod requires newer versions than golangci-lint $version does:"
    cat "$work/.raised" >&2
    exit 1
  fi
  log "building golangci-lint $version with kvlint ($hash) from the module proxy (a few minutes)"
  # main.date set keeps golangci-lint version from replacing the version with "(devel)".
  GOFLAGS="$GOFLAGS -mod=mod" go build -trimpath \
    -ldflags "-s -w -X 'main.version=${version#v}-kvlint-$hash' -X 'main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)'" \
    -o "$work/custom-gcl" ./cmd/golangci-lint
  mv "$work/custom-gcl" "$out"
  cd "$root"
  prune "custom-gcl-$version-*"
}

# git_mirror makes (once per version) a git repository holding golangci-lint's module
# source, tagged with the version that golangci-lint custom clones (git clone --branch
# $version), and sets built to its file:// URL (file:// so that clone's --depth 1 is
# honoured).
git_mirror() {
  local repo="$cache/golangci-lint-$version.git"
  if [ ! -f "$repo/.storewise-complete" ]; then
    local src tmp
    src="$(module_source)"
    tmp="$(mktemp -d "$cache/.mirror.XXXXXX")"
    scratch+=("$tmp")
    cp -R "$src/." "$tmp/"
    chmod -R u+w "$tmp"
    (
      cd "$tmp"
      export GIT_AUTHOR_NAME=storewise GIT_AUTHOR_EMAIL=ci@storewise.invalid
      export GIT_COMMITTER_NAME=storewise GIT_COMMITTER_EMAIL=ci@storewise.invalid
      git init -q -b main .
      git add -A
      git commit -q -m "golangci-lint $version from the Go module proxy"
      git tag "$version"
    ) >&2
    rm -rf "$repo"
    mv "$tmp" "$repo"
    touch "$repo/.storewise-complete"
  fi
  built="file://$repo"
}

git_env() {
  git_mirror
  local url="$built"
  printf 'export GIT_CONFIG_COUNT=1\n'
  printf "export GIT_CONFIG_KEY_0='url.%s.insteadOf'\n" "$url"
  printf "export GIT_CONFIG_VALUE_0='https://github.com/golangci/golangci-lint.git'\n"
}

build_custom() {
  local hash out
  hash="$(plugin_hash)"
  out="$cache/custom-gcl-git-$version-$hash"
  if [ -x "$out" ]; then
    built="$out"
    return
  fi
  local gcl url dest
  build_proxy
  gcl="$built"
  git_mirror
  url="$built"
  dest="$(mktemp -d "$cache/.custom.XXXXXX")"
  scratch+=("$dest")
  log "golangci-lint custom with $root/.custom-gcl.yml, cloning from $url (a few minutes)"
  (
    cd "$root"
    GOFLAGS="$GOFLAGS -trimpath" \
      GIT_CONFIG_COUNT=1 \
      GIT_CONFIG_KEY_0="url.$url.insteadOf" \
      GIT_CONFIG_VALUE_0="https://github.com/golangci/golangci-lint.git" \
      "$gcl" custom --version "$version" --name custom-gcl --destination "$dest" -v
  ) >&2
  mv "$dest/custom-gcl" "$out"
  built="$out"
  prune "custom-gcl-git-$version-*"
}

# The build functions set built rather than print it: they register work directories for
# the EXIT trap, which a $(...) subshell would not share.
built=""
case "$mode" in
proxy)
  build_proxy # not in an && list, where set -e would not stop on a failed step
  printf '%s\n' "$built"
  ;;
custom)
  build_custom
  printf '%s\n' "$built"
  ;;
git-env) git_env ;;
*)
  echo "usage: $0 [proxy|custom|git-env]" >&2
  exit 2
  ;;
esac
