#!/usr/bin/env bash
# bench/bundle.sh: times `apiref bundle` against the anchor, Redocly CLI (`redocly bundle`),
# on the same inputs from ../shared/corpus. It prints the median wall time, the median peak RSS
# and the anchor/apiref ratios as a table.
# This is a benchmark, not a test. It exits 1 if any run failed, 2 if it could not start.
#
#   bash bench/bundle.sh                 # 5 timed runs per tool and case
#   RUNS=9 bash bench/bundle.sh          # more runs
#   CASES="gh ws" bash bench/bundle.sh   # only some cases (gh gh-deref ws ws-deref proj proj-deref)
#   WARMUP=0 bash bench/bundle.sh        # skip the untimed warm-up run of each tool and case
#   APIREF=/path/to/apiref bash bench/bundle.sh
#
# Runs of the two tools alternate (apiref, redocly, apiref, redocly, ...) so that load drifts on
# a shared machine hit both. Read the ratios, not the absolute times.
# The table goes to stdout and progress goes to stderr. Raw per-run numbers are written to
# bench/.cache/last-run.tsv.

set -uo pipefail
export LC_ALL=C   # so that EPOCHREALTIME and awk use '.' as the decimal point

BENCH=bundle.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
CASES=${CASES:-"gh gh-deref ws ws-deref proj proj-deref"}

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer (got '$WARMUP')"
need_timing_tools

# ---- inputs: the corpus is ../shared/corpus relative to the repository root --------------------
CORPUS=$REPO/../shared/corpus
[[ -d $CORPUS ]] || die "corpus not found at $CORPUS (expected ../shared/corpus beside the repository)"
CORPUS=$(cd "$CORPUS" && pwd)
GH=$CORPUS/github/api.github.com.json
MESH=$CORPUS/meshery/schemas
WS=$MESH/constructs/v1beta1/workspace/api.yml
PROJ=examples/meshery   # relative to $REPO; its apiref.yaml points at ../shared/corpus/meshery/schemas
for f in "$GH" "$WS" "$REPO/$PROJ/apiref.yaml"; do [[ -f $f ]] || die "missing input $f"; done

need_apiref
APIREF_VERSION=$("$APIREF" --version 2>/dev/null | head -n1)

# ---- the anchor: @redocly/cli, pinned in bench/package.json + package-lock.json ------------------
need_anchors "@redocly/cli"
REDOCLY=$CACHE/node_modules/.bin/redocly
[[ -x $REDOCLY ]] || die "redocly is missing from bench/.cache/node_modules/.bin"

# ---- the cases ------------------------------------------------------------------------------------
case_label() {
  case $1 in
    gh)         echo "GitHub api.github.com.json, bundle" ;;
    gh-deref)   echo "GitHub api.github.com.json, dereferenced" ;;
    ws)         echo "Meshery v1beta1/workspace/api.yml, bundle" ;;
    ws-deref)   echo "Meshery v1beta1/workspace/api.yml, dereferenced" ;;
    proj)       echo "Meshery project, 2 bundles (apiref only)" ;;
    proj-deref) echo "Meshery project, dereferenced (apiref only)" ;;
    *) return 1 ;;
  esac
}
for c in $CASES; do case_label "$c" >/dev/null || die "unknown case '$c'"; done

# set_cmd TOOL CASE OUTDIR: sets CMD (the command), CWD (where it runs) and OUTS (files it must write).
# An empty CMD means the tool has no equivalent for that case.
# apiref refuses $refs that leave the input's folder unless told the project root: --root is the
# Meshery schemas tree, the same files redocly reads.
set_cmd() {
  local tool=$1 c=$2 o=$3
  CMD=() CWD=$o OUTS=()
  case $tool:$c in
    apiref:gh)          CMD=("$APIREF" bundle "$GH" -o "$o/out.json"); OUTS=("$o/out.json") ;;
    apiref:gh-deref)    CMD=("$APIREF" bundle "$GH" --dereference -o "$o/out.json"); OUTS=("$o/out.json") ;;
    apiref:ws)          CMD=("$APIREF" bundle "$WS" --root "$MESH" -o "$o/out.yaml"); OUTS=("$o/out.yaml") ;;
    apiref:ws-deref)    CMD=("$APIREF" bundle "$WS" --root "$MESH" --dereference -o "$o/out.yaml"); OUTS=("$o/out.yaml") ;;
    apiref:proj)        CMD=("$APIREF" bundle "$PROJ" -o "$o/proj"); CWD=$REPO
                        OUTS=("$o/proj/meshery.openapi.yaml" "$o/proj/cloud.openapi.yaml") ;;
    apiref:proj-deref)  CMD=("$APIREF" bundle "$PROJ" --dereference -o "$o/proj"); CWD=$REPO
                        OUTS=("$o/proj/meshery.openapi.yaml" "$o/proj/cloud.openapi.yaml") ;;
    redocly:gh)         CMD=("$REDOCLY" bundle "$GH" -o "$o/out.json"); OUTS=("$o/out.json") ;;
    redocly:gh-deref)   CMD=("$REDOCLY" bundle "$GH" --dereferenced -o "$o/out.json"); OUTS=("$o/out.json") ;;
    redocly:ws)         CMD=("$REDOCLY" bundle "$WS" -o "$o/out.yaml"); OUTS=("$o/out.yaml") ;;
    redocly:ws-deref)   CMD=("$REDOCLY" bundle "$WS" --dereferenced -o "$o/out.yaml"); OUTS=("$o/out.yaml") ;;
    redocly:proj*)      ;;  # redocly has no multi-construct, per-audience merge
  esac
}

# ---- running and timing ---------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/apiref-bench.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"
RAW=$CACHE/last-run.tsv
printf 'case\ttool\trun\twall_s\tpeak_rss_kib\tuser_s\tsys_s\tstatus\n' >"$RAW"
FAILED=0

# run_one TOOL CASE RUN: runs once; on success appends "wall rss" to $WORK/res/CASE.TOOL.
# Wall time is taken from bash's EPOCHREALTIME (microseconds) around the /usr/bin/time call, since
# time's %e has only 10 ms resolution; the peak RSS is time's %M (KiB).
run_one() {
  local tool=$1 c=$2 run=$3 o=$WORK/out log=$WORK/log tf=$WORK/time t0 t1 rc wall rss u s f status=ok
  rm -rf "$o" "$tf"; mkdir -p "$o"
  set_cmd "$tool" "$c" "$o"
  t0=$EPOCHREALTIME
  ( cd "$CWD" && exec /usr/bin/time -f '%M %U %S %e' -o "$tf" "${CMD[@]}" ) </dev/null >"$log" 2>&1
  rc=$?
  t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  read -r rss u s _ < <(tail -n 1 "$tf" 2>/dev/null)   # %e (4th) is not used
  if [[ $rc -ne 0 ]]; then
    status="exit-$rc"
  else
    for f in "${OUTS[@]}"; do [[ -s $f ]] || { status="no-output:${f#"$o"/}"; break; }; done
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$tool" "$run" "$wall" "${rss:-}" "${u:-}" "${s:-}" "$status" >>"$RAW"
  if [[ $status != ok ]]; then
    FAILED=1
    echo "$run" >>"$WORK/res/$c.$tool.failed"
    say "FAILED: $tool, $(case_label "$c"), run $run: $status"
    say "  command: (cd $CWD && ${CMD[*]})"
    tail -n 15 "$log" | sed 's/^/  | /' >&2
  elif [[ $run != warmup ]]; then
    echo "$wall $rss" >>"$WORK/res/$c.$tool"
  fi
  rm -rf "$o"
  [[ $status == ok ]] && printf '%s' "$wall"
}

mkdir -p "$WORK/res"
say "$APIREF_VERSION (${APIREF_BUILD:-build type unknown})   anchor: @redocly/cli ${PIN[@redocly/cli]} (node $(node --version))"
say "runs: $RUNS timed + $WARMUP warm-up per tool and case; load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
for c in $CASES; do
  tools=(apiref)
  set_cmd redocly "$c" "$WORK"; [[ ${#CMD[@]} -gt 0 ]] && tools+=(redocly)
  say "== $(case_label "$c")"
  for ((i = 1; i <= WARMUP; i++)); do
    for t in "${tools[@]}"; do w=$(run_one "$t" "$c" warmup); say "   warm-up  $t ${w:-failed}"; done
  done
  for ((i = 1; i <= RUNS; i++)); do
    line="   run $i/$RUNS"
    for t in "${tools[@]}"; do w=$(run_one "$t" "$c" "$i"); line+="  $t ${w:-FAILED}"; done
    say "$line"
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
# run_one runs in a $(...) subshell, so failures are read back from the files it leaves.
ls "$WORK"/res/*.failed >/dev/null 2>&1 && FAILED=1

# ---- the table ------------------------------------------------------------------------------------
# cell CASE TOOL COLUMN(1 wall, 2 rss): the median, or FAILED, or '-' when the tool has no such case.
med() { [[ -s $WORK/res/$1.$2 ]] && awk -v k="$3" '{ print $k }' "$WORK/res/$1.$2" | median; }
failed() { [[ -s $WORK/res/$1.$2.failed ]]; }

echo "apiref bundle vs redocly bundle: median of $RUNS runs each, interleaved"
echo "$APIREF_VERSION (${APIREF_BUILD:-?}); @redocly/cli ${PIN[@redocly/cli]} on node $(node --version); $(nproc) cores; load avg $LOAD_START -> $LOAD_END"
echo
fmt='%-47s %9s %9s %7s %11s %11s %7s\n'
# shellcheck disable=SC2059
printf "$fmt" "case" "apiref s" "redocly s" "time x" "apiref MiB" "redocly MiB" "RSS x"
# shellcheck disable=SC2059
printf "$fmt" "$(printf '%.0s-' {1..47})" "---------" "---------" "-------" "-----------" "-----------" "-------"
for c in $CASES; do
  set_cmd redocly "$c" "$WORK"; has_anchor=${#CMD[@]}
  cells=()
  for col in 1 2; do
    a=""; r=""
    if failed "$c" apiref; then a=FAILED; else a=$(med "$c" apiref "$col"); fi
    if [[ $has_anchor -eq 0 ]]; then r=-
    elif failed "$c" redocly; then r=FAILED
    else r=$(med "$c" redocly "$col"); fi
    if [[ $a =~ ^[0-9.]+$ && $r =~ ^[0-9.]+$ ]]; then
      ratio=$(awk -v a="$a" -v r="$r" 'BEGIN { if (a > 0) printf "%.2f", r / a; else print "inf" }')
    elif [[ $r == - ]]; then ratio=-
    else ratio=n/a
    fi
    if [[ $col == 1 ]]; then
      [[ $a =~ ^[0-9.]+$ ]] && a=$(printf '%.3f' "$a"); [[ $r =~ ^[0-9.]+$ ]] && r=$(printf '%.3f' "$r")
    else
      [[ $a =~ ^[0-9.]+$ ]] && a=$(awk -v k="$a" 'BEGIN { printf "%.1f", k / 1024 }')
      [[ $r =~ ^[0-9.]+$ ]] && r=$(awk -v k="$r" 'BEGIN { printf "%.1f", k / 1024 }')
    fi
    cells+=("$a" "$r" "$ratio")
  done
  # shellcheck disable=SC2059
  printf "$fmt" "$(case_label "$c")" "${cells[@]}"
done
echo
echo "time x and RSS x are redocly / apiref (above 1: apiref is faster or smaller). Wall time includes process start-up."
if [[ $FAILED -ne 0 ]]; then
  echo "SOME RUNS FAILED: see the messages above and $RAW (FAILED cells have no median)."
  exit 1
fi
