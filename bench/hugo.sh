#!/usr/bin/env bash
# bench/hugo.sh: the Meshery project's reference inside a Hugo site, two ways, on the same site
# (examples/hugo-docs):
#   - apiref: `apiref build examples/meshery --format hugo` (a page per bundle, tag, operation
#     and schema) then `hugo`;
#   - baseline: what Meshery's and Layer5's docs do today, one page per bundle rendered by Hugo
#     from a dereferenced description in data/ through Go templates (bench/hugo-baseline/,
#     overlaid on the same site), then `hugo`. Its data files are written by `apiref bundle
#     --dereference` before the runs, as Meshery's schemas CI pushes its data/openapi.yml.
# It prints the median wall time and peak RSS of each step and the ratios. A benchmark, not a
# test: it exits 1 if a run failed, 2 if it could not start.
#
#   bash bench/hugo.sh                 # 5 timed runs of each, interleaved, after a warm-up
#   RUNS=3 WARMUP=0 bash bench/hugo.sh
#   APIREF=/path/to/apiref HUGO=/path/to/hugo bash bench/hugo.sh
# Raw per-run numbers: bench/.cache/last-hugo.tsv.

set -uo pipefail
export LC_ALL=C

BENCH=hugo.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
HUGO=${HUGO:-$(command -v hugo || true)}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer (got '$WARMUP')"
[[ -x $HUGO ]] || die "hugo is missing (Debian: apt-get install hugo; scripts/setup-deps.sh installs it)"
need_timing_tools
need_apiref

SITE=$REPO/examples/hugo-docs
SECTION=reference/rest-apis
PROJ=examples/meshery   # relative to $REPO
[[ -f $REPO/$PROJ/apiref.yaml && -f $SITE/hugo.toml ]] || die "missing $PROJ or examples/hugo-docs"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/apiref-bench-hugo.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE" "$WORK/res" "$WORK/out"
cp "$APIREF" "$WORK/apiref" || die "cannot copy $APIREF"   # a rebuild during the runs changes nothing
APIREF_ORIG=$APIREF
APIREF=$WORK/apiref

# The baseline site: examples/hugo-docs without any apiref output, the overlay, the data files.
BASE=$WORK/baseline
cp -r "$SITE" "$BASE"
rm -rf "$BASE/content/en/$SECTION" "$BASE/static/$SECTION" "$BASE/data/$SECTION" "$BASE/public"
cp -r "$HERE/hugo-baseline/." "$BASE/"
rm -f "$BASE/README.md"
( cd "$REPO" && "$APIREF" bundle "$PROJ" --dereference --format yaml -q -o "$WORK/bundles" ) >"$WORK/bundle.log" 2>&1 ||
  { cat "$WORK/bundle.log" >&2; die "apiref bundle --dereference failed"; }
mkdir -p "$BASE/data"
cp "$WORK/bundles/meshery.openapi.yaml" "$BASE/data/openapi.yml"
cp "$WORK/bundles/cloud.openapi.yaml" "$BASE/data/cloud_openapi.yml"

RAW=$CACHE/last-hugo.tsv
printf 'step\trun\twall_s\tpeak_rss_kib\tstatus\n' >"$RAW"

# timed STEP RUN DIR CHECK-FILE CHECK-TEXT -- COMMAND...: runs COMMAND in DIR under GNU time;
# appends "wall rss" to $WORK/res/STEP unless RUN is warmup; checks the output file holds CHECK-TEXT.
timed() {
  local step=$1 run=$2 dir=$3 file=$4 text=$5 t0 t1 rc wall rss status=ok
  shift 6
  t0=$EPOCHREALTIME
  ( cd "$dir" && exec /usr/bin/time -f '%M' -o "$WORK/time" "$@" ) </dev/null >"$WORK/log" 2>&1
  rc=$?
  t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  rss=$(grep -E '^[0-9]+$' "$WORK/time" | tail -n 1)
  if [[ $rc -ne 0 ]]; then status="exit-$rc"
  elif ! grep -qF -- "$text" "$file" 2>/dev/null; then status="bad-output:$file"; fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$step" "$run" "$wall" "$rss" "$status" >>"$RAW"
  if [[ $status != ok ]]; then
    touch "$WORK/res/failed"   # runs in a $(...) subshell: the file tells
    say "FAILED: $step, run $run: $status"
    tail -n 15 "$WORK/log" | sed 's/^/  | /' >&2
    printf "%s" "${status%%:*}"
    return 1
  fi
  [[ $run != warmup ]] && echo "$wall $rss" >>"$WORK/res/$step"
  printf '%s' "$wall"
}

one_round() {  # one_round RUN: apiref build, hugo on its site, hugo on the baseline
  local run=$1 a=$WORK/out/apiref.$1 line="   run $1"
  cp -r "$SITE" "$a"
  rm -rf "$a/content/en/$SECTION" "$a/static/$SECTION" "$a/data/$SECTION" "$a/public"
  line+="  apiref $(timed apiref "$run" "$REPO" "$a/content/en/$SECTION/.apiref-manifest.json" "getUsers" -- \
    "$APIREF" build "$PROJ" --format hugo -o "$a" --section "$SECTION" --content-dir content/en -q)"
  line+="  hugo(apiref) $(timed hugo-apiref "$run" "$a" "$a/public/$SECTION/meshery/operations/getUsers.html" "/api/users" -- \
    "$HUGO" --quiet)"
  line+="  hugo(baseline) $(timed hugo-baseline "$run" "$BASE" "$WORK/out/base.$run/$SECTION/endpoints/index.html" "/api/users" -- \
    "$HUGO" --quiet -d "$WORK/out/base.$run")"
  say "$line"
  [[ $run == warmup ]] || {
    [[ -s $WORK/res/size.apiref ]] || echo "$(find "$a/public/$SECTION" -name '*.html' 2>/dev/null | wc -l) $(du -sb "$a/public/$SECTION" 2>/dev/null | cut -f1)" >"$WORK/res/size.apiref"
    [[ -s $WORK/res/size.base ]] || echo "$(find "$WORK/out/base.$run/$SECTION" -name '*.html' | wc -l) $(du -sb "$WORK/out/base.$run/$SECTION" | cut -f1)" >"$WORK/res/size.base"
  }
}

APIREF_VERSION="$("$APIREF" --version 2>/dev/null | head -n1), binary of $(date -u -r "$APIREF_ORIG" '+%F %H:%M UTC')"
HUGO_VERSION=$("$HUGO" version | awk '{ print $2 }')
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
say "$APIREF_VERSION (${APIREF_BUILD:-?}); hugo $HUGO_VERSION; runs: $RUNS timed + $WARMUP warm-up; load $LOAD_START"
for ((i = 1; i <= WARMUP; i++)); do one_round warmup; done
for ((i = 1; i <= RUNS; i++)); do one_round "$i"; done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

med() { [[ -s $WORK/res/$1 ]] && awk -v k="$2" '{ print $k }' "$WORK/res/$1" | median || echo FAILED; }
# The apiref way end to end: per run, wall times add up and the peak is the larger of the two.
if [[ -s $WORK/res/apiref && -s $WORK/res/hugo-apiref ]]; then
  paste -d' ' "$WORK/res/apiref" "$WORK/res/hugo-apiref" |
    awk '{ printf "%.4f %d\n", $1 + $3, ($2 > $4 ? $2 : $4) }' >"$WORK/res/total"
fi
ratio() { [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }' || echo n/a; }
mib() { [[ $1 =~ ^[0-9.]+$ ]] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || echo "$1"; }
sec() { [[ $1 =~ ^[0-9.]+$ ]] && printf '%.3f' "$1" || echo "$1"; }

echo "Meshery project (2 bundles, 334 operations) in examples/hugo-docs: median of $RUNS runs, interleaved"
echo "$APIREF_VERSION (${APIREF_BUILD:-?}); hugo $HUGO_VERSION; $(nproc) cores; load avg $LOAD_START -> $LOAD_END"
echo
fmt='%-44s %10s %14s\n'
# shellcheck disable=SC2059
printf "$fmt" "" "wall, s" "peak RSS, MiB"
# shellcheck disable=SC2059
printf "$fmt" "$(printf '%.0s-' {1..44})" "----------" "--------------"
for s in apiref hugo-apiref total hugo-baseline; do
  case $s in
    apiref) label="apiref build --format hugo" ;;
    hugo-apiref) label="hugo, on apiref's pages" ;;
    total) label="apiref way: both (time summed, peak max)" ;;
    hugo-baseline) label="baseline: hugo, one page per bundle" ;;
  esac
  # shellcheck disable=SC2059
  printf "$fmt" "$label" "$(sec "$(med "$s" 1)")" "$(mib "$(med "$s" 2)")"
done
echo
echo "apiref way / baseline: wall $(ratio "$(med total 1)" "$(med hugo-baseline 1)")x, peak RSS $(ratio "$(med total 2)" "$(med hugo-baseline 2)")x;" \
     "hugo alone on apiref's pages / baseline: wall $(ratio "$(med hugo-apiref 1)" "$(med hugo-baseline 1)")x, peak RSS $(ratio "$(med hugo-apiref 2)" "$(med hugo-baseline 2)")x"
size() { [[ -s $WORK/res/size.$1 ]] && awk '{ printf "%d .html, %.1f MiB", $1, $2 / 1048576 }' "$WORK/res/size.$1" || echo -; }
echo "output below $SECTION/: apiref $(size apiref) (with the playground and descriptions: static/ is copied by hugo);" \
     "baseline $(size base)"
[[ -e $WORK/res/failed ]] && exit 1
exit 0
