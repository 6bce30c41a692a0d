#!/usr/bin/env bash
# bench/compare.sh: two builds of apiref side by side, for a change that must not cost speed
# (a refactoring): `build`, `check` and `bundle` on GitHub's description and Meshery's project,
# runs interleaved (old, new, old, new, ...), median wall time of each and the ratio new/old.
# A ratio near 1 is "within the noise"; compare it with the spread the table also prints.
#
#   bash bench/compare.sh OLD_APIREF NEW_APIREF      # 7 timed runs per binary and case
#   RUNS=11 CASES="build-gh check-gh" bash bench/compare.sh old/apiref build/apiref
set -uo pipefail
export LC_ALL=C
BENCH=compare.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
[[ $# -eq 2 && -x $1 && -x $2 ]] || die "usage: bench/compare.sh OLD_APIREF NEW_APIREF"
OLD=$(realpath "$1"); NEW=$(realpath "$2")
RUNS=${RUNS:-7}
CASES=${CASES:-"build-gh check-gh bundle-gh build-mesh check-mesh bundle-mesh"}
[[ -n ${EPOCHREALTIME:-} ]] || die "needs bash >= 5 (EPOCHREALTIME)"
GH=$(realpath "$REPO/../shared/corpus/github/api.github.com.json") || die "corpus not found"
MESH=$REPO/examples/meshery
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

command_of() {  # case, binary → the command line
  case $1 in
    build-gh) echo "$2 build $GH -o $TMP/out -q" ;;
    check-gh) echo "$2 check $GH --format json" ;;
    bundle-gh) echo "$2 bundle $GH -o $TMP/out.json" ;;
    build-mesh) echo "$2 build $MESH -o $TMP/out -q" ;;
    check-mesh) echo "$2 check $MESH --format json" ;;
    bundle-mesh) echo "$2 bundle $MESH -o $TMP/out" ;;
    *) die "unknown case '$1'" ;;
  esac
}
time_once() {  # command → seconds on stdout
  local t0=$EPOCHREALTIME
  (cd "$REPO" && eval "$1") >/dev/null 2>&1
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f\n", b - a }'
}
printf '%-12s %10s %10s %8s %18s\n' case old_s new_s new/old "old spread (min-max)"
for c in $CASES; do
  old_cmd=$(command_of "$c" "$OLD"); new_cmd=$(command_of "$c" "$NEW")
  time_once "$old_cmd" >/dev/null; time_once "$new_cmd" >/dev/null   # warm the page cache
  : >"$TMP/old"; : >"$TMP/new"
  for ((i = 0; i < RUNS; i++)); do
    time_once "$old_cmd" >>"$TMP/old"; time_once "$new_cmd" >>"$TMP/new"
  done
  mo=$(median <"$TMP/old"); mn=$(median <"$TMP/new")
  spread=$(sort -g "$TMP/old" | awk 'NR == 1 { a = $1 } { b = $1 } END { printf "%.3f-%.3f", a, b }')
  printf '%-12s %10.3f %10.3f %8.3f %18s\n' "$c" "$mo" "$mn" "$(awk -v a="$mo" -v b="$mn" 'BEGIN { print b / a }')" "$spread"
done
