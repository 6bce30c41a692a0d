#!/usr/bin/env bash
# bench/diff.sh: times `apiref diff` against Optic (`optic diff A B --check`, @useoptic/optic as
# pinned in bench/package.json) on GitHub's description against a copy with 20 breaking edits
# (tests/diff/github_edits.py, made once, untimed). Prints the median wall time and peak RSS of
# each tool and the ratio. oasdiff is not on npm (a Go binary): not an anchor here.
#
# Optic is not pinned yet: @useoptic/optic 1.0.9 installed with npm's current resolution loads
# two copies of ajv (8.17.1 for ajv-errors, 8.20.0 for Spectral) and dies compiling its
# ruleset; `"overrides": {"ajv": "8.17.1"}` fixes that, but would move the other anchors' ajv in
# bench/package-lock.json too. Measured by hand that way (2026-12-05, a shared 2-core machine):
# Optic refuses GitHub's description (29 s, 446 MB, to report "schema with type array cannot
# also include keywords: required" on the SBOM schemas), and rejects Swagger 2.0; on Docker
# v1.40 -> v1.41 converted to 3.0 by `apiref bundle --to 3.0` it takes 100 s (37 s of CPU,
# 405 MB) where apiref diff takes 0.4 s (0.09 s of CPU). Until it is pinned, this runs apiref
# alone unless bench/package.json pins @useoptic/optic.
# This is a benchmark, not a test: it exits 1 if a run failed, 2 if it could not start.
#
#   bash bench/diff.sh              # 5 runs of apiref, 3 of Optic
#   RUNS=9 ANCHOR_RUNS=1 bash bench/diff.sh
#   NO_OPTIC=1 bash bench/diff.sh   # apiref alone
set -uo pipefail
export LC_ALL=C

BENCH=diff.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
RUNS=${RUNS:-5}
ANCHOR_RUNS=${ANCHOR_RUNS:-3}
TIMEOUT=${TIMEOUT:-900}
need_timing_tools
command -v python3 >/dev/null || die "needs python3 (to make the edited copy)"
CORPUS=$(cd "$REPO/../shared/corpus" 2>/dev/null && pwd) || die "corpus not found"
GH=$CORPUS/github/api.github.com.json
[[ -f $GH ]] || die "missing $GH"
need_apiref

WORK=$(mktemp -d "${TMPDIR:-/tmp}/apiref-bench-diff.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$WORK"' EXIT
python3 "$REPO/tests/diff/github_edits.py" "$GH" "$WORK/edited.json" "$WORK/expected.json" || die "cannot make the edited copy"

OPTIC=
if [[ -z ${NO_OPTIC:-} ]] && ! grep -q '"@useoptic/optic"' "$HERE/package.json"; then
  say "bench/package.json does not pin @useoptic/optic: apiref alone (see this script's header)"
  NO_OPTIC=1
fi
if [[ -z ${NO_OPTIC:-} ]]; then
  need_anchors "@useoptic/optic"
  OPTIC=$CACHE/node_modules/.bin/optic
  [[ -x $OPTIC ]] || die "optic is missing from bench/.cache/node_modules/.bin"
  export OPTIC_TELEMETRY=off CI=true
fi

# run TOOL: one timed run; prints "seconds peak_kb status".
run() {
  local start end
  start=$EPOCHREALTIME
  case $1 in
    apiref) /usr/bin/time -f '%M' -o "$WORK/rss" timeout "$TIMEOUT" "$APIREF" diff "$GH" "$WORK/edited.json" --format json >"$WORK/out" 2>"$WORK/err" ;;
    optic) /usr/bin/time -f '%M' -o "$WORK/rss" timeout "$TIMEOUT" "$OPTIC" diff "$GH" "$WORK/edited.json" --check >"$WORK/out" 2>"$WORK/err" ;;
  esac
  local code=$?
  end=$EPOCHREALTIME
  # Both tools exit 1 when they find breaking changes: that is a run that did its work.
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }') $(tail -n1 "$WORK/rss") $code"
}

declare -A TIMES RSS
failed=0
for tool in apiref ${OPTIC:+optic}; do
  n=$RUNS
  [[ $tool == optic ]] && n=$ANCHOR_RUNS
  run "$tool" >/dev/null  # warm-up: files in the page cache
  for ((i = 0; i < n; i++)); do
    read -r s kb code < <(run "$tool")
    say "$tool run $((i + 1)): ${s}s, ${kb} KB, exit $code"
    [[ $code -le 1 ]] || failed=1
    TIMES[$tool]+="$s"$'\n'
    RSS[$tool]+="$kb"$'\n'
  done
done

printf '%-8s %10s %12s\n' tool "median s" "peak RSS MB"
for tool in apiref ${OPTIC:+optic}; do
  t=$(printf '%s' "${TIMES[$tool]}" | median)
  m=$(printf '%s' "${RSS[$tool]}" | median)
  printf '%-8s %10.3f %12.1f\n' "$tool" "$t" "$(awk -v k="$m" 'BEGIN { print k / 1024 }')"
done
if [[ -n $OPTIC ]]; then
  a=$(printf '%s' "${TIMES[apiref]}" | median)
  o=$(printf '%s' "${TIMES[optic]}" | median)
  awk -v a="$a" -v o="$o" 'BEGIN { printf "optic/apiref: %.1fx the time\n", o / a }'
fi
exit $failed
