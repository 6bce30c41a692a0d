#!/usr/bin/env bash
# bench/build.sh: times `apiref build` (the static site) against two anchors on the same inputs:
#   - Redocly CLI, `redocly build-docs` (one HTML page, rendered by Redoc in the browser), and
#   - widdershins (OpenAPI to one Markdown file).
# It prints the median wall time, the median peak RSS and the anchor/apiref ratios as tables.
# Then (case `browser`) it runs bench/browser.mjs: how soon an apiref operation page shows its
# content in headless Chromium, against Swagger UI on the same description.
# This is a benchmark, not a test. It exits 1 if any run failed, 2 if it could not start.
#
#   bash bench/build.sh                      # 5 timed runs per tool and case
#   RUNS=3 bash bench/build.sh               # fewer runs
#   CASES="gh mesh" bash bench/build.sh      # only some cases (gh mesh mesh1 browser)
#   WARMUP=0 bash bench/build.sh             # skip the untimed warm-up run of each tool and case
#   TIMEOUT=300 bash bench/build.sh          # seconds before a run is killed and counted as TIMEOUT
#   APIREF=/path/to/apiref CHROMIUM=/path/to/chromium bash bench/build.sh
#
# Runs of the tools alternate (apiref, redocly, widdershins, apiref, ...) so that load drifts on
# a shared machine hit all of them. Read the ratios, not the absolute times.
# The tables go to stdout and progress goes to stderr. Raw per-run numbers are written to
# bench/.cache/last-build.tsv (and bench/.cache/last-browser.tsv).

set -uo pipefail
export LC_ALL=C   # so that EPOCHREALTIME and awk use '.' as the decimal point

BENCH=build.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
TIMEOUT=${TIMEOUT:-300}
CASES=${CASES:-"gh mesh mesh1 browser"}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer (got '$WARMUP')"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "TIMEOUT must be a positive number of seconds (got '$TIMEOUT')"
need_timing_tools

# ---- inputs: the corpus is ../shared/corpus relative to the repository root --------------------
CORPUS=$REPO/../shared/corpus
[[ -d $CORPUS ]] || die "corpus not found at $CORPUS (expected ../shared/corpus beside the repository)"
CORPUS=$(cd "$CORPUS" && pwd)
GH=$CORPUS/github/api.github.com.json
PROJ=examples/meshery   # relative to $REPO; its apiref.yaml points at ../shared/corpus/meshery/schemas
for f in "$GH" "$REPO/$PROJ/apiref.yaml"; do [[ -f $f ]] || die "missing input $f"; done
BROWSER_PAGE=api.github.com/operations/repos-get.html   # the operation page timed in the browser

need_apiref
APIREF_ORIG=$APIREF

# ---- the anchors: pinned in bench/package.json + package-lock.json, installed into bench/.cache ----
need_anchors "@redocly/cli" widdershins playwright-core swagger-ui-dist
REDOCLY=$CACHE/node_modules/.bin/redocly
WIDDERSHINS=$CACHE/node_modules/.bin/widdershins
[[ -x $REDOCLY && -x $WIDDERSHINS ]] || die "redocly or widdershins is missing from bench/.cache/node_modules/.bin"

# ---- the cases ------------------------------------------------------------------------------------
case_label() {
  case $1 in
    gh)      echo "GitHub api.github.com.json" ;;
    mesh)    echo "Meshery project (apiref: 2 bundles)" ;;
    mesh1)   echo "Meshery, meshery bundle only" ;;
    browser) echo "browser: operation page vs Swagger UI" ;;
    *) return 1 ;;
  esac
}
for c in $CASES; do case_label "$c" >/dev/null || die "unknown case '$c'"; done
BUILD_CASES=() DO_BROWSER=0
for c in $CASES; do if [[ $c == browser ]]; then DO_BROWSER=1; else BUILD_CASES+=("$c"); fi; done
TOOLS=(apiref redocly widdershins)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/apiref-bench-build.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE" "$WORK/res" "$WORK/info"
# Every run uses a copy of the binary taken now, so that a rebuild of build/apiref during the
# benchmark (others may be compiling) neither mixes two versions nor catches a half-written file.
cp "$APIREF_ORIG" "$WORK/apiref" || die "cannot copy $APIREF_ORIG"
APIREF=$WORK/apiref
APIREF_VERSION="$("$APIREF" --version 2>/dev/null | head -n1), binary of $(date -u -r "$APIREF_ORIG" '+%F %H:%M UTC')"

# The anchors read one bundled file. For the Meshery cases it is made here, outside the timed runs:
# the `meshery` audience bundle of the project (124 operations). The other bundle, `cloud`, is only
# built by apiref in the `mesh` case.
MESHERY_YAML=$WORK/meshery.yaml
for c in "${BUILD_CASES[@]}"; do
  if [[ $c == mesh* ]]; then
    if ! ( cd "$REPO" && "$APIREF" bundle "$PROJ" --bundle meshery -q -o "$MESHERY_YAML" ) >"$WORK/bundle.log" 2>&1 ||
       [[ ! -s $MESHERY_YAML ]]; then
      cat "$WORK/bundle.log" >&2; die "apiref bundle $PROJ --bundle meshery failed"
    fi
    break
  fi
done

# set_cmd TOOL CASE OUTDIR: sets CMD (the command), CWD (where it runs), OUTS (files it must write,
# non-empty) and MARK (a string its main output must hold, to catch a run that wrote an empty shell).
set_cmd() {
  local tool=$1 c=$2 o=$3
  CMD=() CWD=$o OUTS=() MARK=""
  case $tool:$c in
    apiref:gh)       CMD=("$APIREF" build "$GH" --ignore-spec-errors -o "$o/site")
                     OUTS=("$o/site/index.html" "$o/site/api.github.com/operations/repos-get.html")
                     MARK="Get a repository" ;;
    apiref:mesh)     CMD=("$APIREF" build "$PROJ" --ignore-spec-errors -o "$o/site"); CWD=$REPO
                     OUTS=("$o/site/index.html" "$o/site/meshery/index.html" "$o/site/cloud/index.html")
                     MARK="Meshery" ;;
    apiref:mesh1)    CMD=("$APIREF" build "$PROJ" --bundle meshery --ignore-spec-errors -o "$o/site"); CWD=$REPO
                     OUTS=("$o/site/index.html" "$o/site/meshery/index.html"); MARK="Meshery" ;;
    redocly:gh)      CMD=("$REDOCLY" build-docs "$GH" -o "$o/redoc.html"); OUTS=("$o/redoc.html"); MARK="repos/get" ;;
    redocly:mesh*)   CMD=("$REDOCLY" build-docs "$MESHERY_YAML" -o "$o/redoc.html"); OUTS=("$o/redoc.html")
                     MARK="Meshery Server" ;;
    widdershins:gh)  CMD=("$WIDDERSHINS" "$GH" -o "$o/api.md"); OUTS=("$o/api.md"); MARK="repos/get" ;;
    widdershins:mesh*) CMD=("$WIDDERSHINS" "$MESHERY_YAML" -o "$o/api.md"); OUTS=("$o/api.md")
                     MARK="Meshery Server" ;;
  esac
}

# ---- running and timing ---------------------------------------------------------------------------
RAW=$CACHE/last-build.tsv
printf 'case\ttool\trun\twall_s\tpeak_rss_kib\tuser_s\tsys_s\tstatus\n' >"$RAW"

# run_one TOOL CASE RUN: runs once under `timeout`; on success appends "wall rss cpu" to
# $WORK/res/CASE.TOOL. Wall time is taken from bash's EPOCHREALTIME (microseconds) around the call,
# since time's %e has only 10 ms resolution; the peak RSS is time's %M (KiB); cpu is user + sys
# time (%U + %S, all threads and child processes). After a TIMEOUT the
# tool's other runs in that case are skipped. The output size of the first good run is kept.
#
# Every run writes into a new folder of its own, and no output is deleted before the end of the
# benchmark. Deleting a site of thousands of files just before the next run would make that
# run pay for it: on ext4 without a journal (as on these machines), allocating an inode skips,
# one by one, every inode freed in the last 30 s (the kernel's recently_deleted check), which
# measured 0.19 s -> 0.64 s for apiref's write phase on GitHub. A user's build into an empty or
# fresh folder does not pay that, and the anchors (one file each) never would.
run_one() {
  local tool=$1 c=$2 run=$3 o=$WORK/out/$2.$1.$3 log=$WORK/log tf=$WORK/time t0 t1 rc wall rss u s f status=ok
  if [[ -e $WORK/res/$c.$tool.timeout ]]; then printf 'skipped'; return; fi
  rm -f "$tf"; mkdir -p "$o"
  set_cmd "$tool" "$c" "$o"
  t0=$EPOCHREALTIME
  ( cd "$CWD" && exec timeout -k 10 "$TIMEOUT" /usr/bin/time -f '%M %U %S %e' -o "$tf" "${CMD[@]}" ) </dev/null >"$log" 2>&1
  rc=$?
  t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  read -r rss u s _ < <(grep -E '^[0-9]+ ' "$tf" 2>/dev/null | tail -n 1)   # %e (4th) is not used
  if [[ $rc -eq 124 ]] || [[ $rc -eq 137 ]] && awk -v w="$wall" -v t="$TIMEOUT" 'BEGIN { exit !(w >= t) }'; then
    status=timeout
  elif [[ $rc -ne 0 ]]; then
    status="exit-$rc"
  else
    for f in "${OUTS[@]}"; do [[ -s $f ]] || { status="no-output:${f#"$o"/}"; break; }; done
    if [[ $status == ok && -n $MARK ]] && ! grep -qF -- "$MARK" "${OUTS[-1]}"; then
      status="bad-output:${OUTS[-1]#"$o"/}"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$tool" "$run" "$wall" "${rss:-}" "${u:-}" "${s:-}" "$status" >>"$RAW"
  if [[ $status != ok ]]; then
    echo "$run" >>"$WORK/res/$c.$tool.failed"
    [[ $status == timeout ]] && echo "$run" >>"$WORK/res/$c.$tool.timeout"
    say "FAILED: $tool, $(case_label "$c"), run $run: $status$([[ $status == timeout ]] && echo " after ${TIMEOUT} s")"
    say "  command: (cd $CWD && ${CMD[*]})"
    tail -n 15 "$log" | sed 's/^/  | /' >&2
  else
    [[ $run != warmup ]] && echo "$wall $rss $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')" >>"$WORK/res/$c.$tool"
    if [[ ! -s $WORK/info/$c.$tool ]]; then   # output size: files, *.html pages, bytes
      printf '%s %s %s\n' "$(find "$o" -type f | wc -l)" "$(find "$o" -type f -name '*.html' | wc -l)" \
        "$(du -sb "$o" | cut -f1)" >"$WORK/info/$c.$tool"
    fi
  fi
  [[ $status == ok ]] && printf '%s' "$wall" || printf '%s' "${status^^}"
}

ANCHORS="@redocly/cli ${PIN[@redocly/cli]}, widdershins ${PIN[widdershins]}"
say "$APIREF_VERSION (${APIREF_BUILD:-build type unknown})   anchors: $ANCHORS (node $(node --version))"
say "runs: $RUNS timed + $WARMUP warm-up per tool and case; timeout $TIMEOUT s; load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
for c in "${BUILD_CASES[@]}"; do
  say "== $(case_label "$c")"
  for ((i = 1; i <= WARMUP; i++)); do
    line="   warm-up "
    for t in "${TOOLS[@]}"; do w=$(run_one "$t" "$c" warmup); line+="  $t $w"; done
    say "$line"
  done
  for ((i = 1; i <= RUNS; i++)); do
    line="   run $i/$RUNS"
    for t in "${TOOLS[@]}"; do w=$(run_one "$t" "$c" "$i"); line+="  $t $w"; done
    say "$line"
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
# run_one runs in a $(...) subshell, so failures are read back from the files it leaves.
FAILED=0
ls "$WORK"/res/*.failed >/dev/null 2>&1 && FAILED=1

# ---- the tables -----------------------------------------------------------------------------------
# cell CASE TOOL COLUMN(1 wall, 2 rss, 3 cpu): the median, or TIMEOUT / FAILED.
med() { [[ -s $WORK/res/$1.$2 ]] && awk -v k="$3" '{ print $k }' "$WORK/res/$1.$2" | median; }
cell() {
  if [[ -s $WORK/res/$1.$2.timeout ]]; then echo TIMEOUT
  elif [[ -s $WORK/res/$1.$2.failed ]]; then echo FAILED
  else med "$1" "$2" "$3"; fi
}
ratio() { if [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]]; then
            awk -v a="$1" -v r="$2" 'BEGIN { if (a > 0) printf "%.2f", r / a; else print "inf" }'
          else echo n/a; fi; }
mib() { [[ $1 =~ ^[0-9.]+$ ]] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || echo "$1"; }
sec() { [[ $1 =~ ^[0-9.]+$ ]] && printf '%.3f' "$1" || echo "$1"; }

if [[ ${#BUILD_CASES[@]} -gt 0 ]]; then
  echo "apiref build vs redocly build-docs vs widdershins: median of $RUNS runs each, interleaved"
  echo "$APIREF_VERSION (${APIREF_BUILD:-?}); $ANCHORS on node $(node --version); $(nproc) cores; load avg $LOAD_START -> $LOAD_END"
  fmt='%-36s %9s %9s %7s %11s %7s\n'
  for col in 1 2 3; do
    echo
    title=("" "wall time, s" "peak RSS, MiB" "CPU time (user+sys), s")
    # shellcheck disable=SC2059
    printf "$fmt" "${title[$col]}" "apiref" "redocly" "x" "widdershins" "x"
    # shellcheck disable=SC2059
    printf "$fmt" "$(printf '%.0s-' {1..36})" "---------" "---------" "-------" "-----------" "-------"
    for c in "${BUILD_CASES[@]}"; do
      a=$(cell "$c" apiref "$col"); r=$(cell "$c" redocly "$col"); w=$(cell "$c" widdershins "$col")
      rr=$(ratio "$a" "$r"); rw=$(ratio "$a" "$w")
      if [[ $col == 2 ]]; then a=$(mib "$a"); r=$(mib "$r"); w=$(mib "$w")
      else a=$(sec "$a"); r=$(sec "$r"); w=$(sec "$w"); fi
      # shellcheck disable=SC2059
      printf "$fmt" "$(case_label "$c")" "$a" "$r" "$rr" "$w" "$rw"
    done
  done
  echo
  fmt='%-36s %-34s %15s %15s\n'
  # shellcheck disable=SC2059
  printf "$fmt" "output" "apiref" "redocly" "widdershins"
  # shellcheck disable=SC2059
  printf "$fmt" "$(printf '%.0s-' {1..36})" "----------------------------------" "---------------" "---------------"
  size() { [[ -s $WORK/info/$1.$2 ]] && awk '{ printf "%.1f MiB", $3 / 1048576 }' "$WORK/info/$1.$2" || echo "-"; }
  for c in "${BUILD_CASES[@]}"; do
    ap=-
    [[ -s $WORK/info/$c.apiref ]] &&
      ap=$(awk '{ printf "%d files, %d .html, %.1f MiB", $1, $2, $3 / 1048576 }' "$WORK/info/$c.apiref")
    # shellcheck disable=SC2059
    printf "$fmt" "$(case_label "$c")" "$ap" "1 .html $(size "$c" redocly)" "1 .md $(size "$c" widdershins)"
  done
  echo
  echo "x is anchor / apiref (above 1: apiref is faster or smaller). Wall time includes process start-up."
  echo "CPU time adds up every thread: apiref builds pages on several threads, so its CPU time exceeds its"
  echo "wall time on an idle machine; it is the number that moves least when others load the machine."
  echo "apiref writes every page as static HTML (every operation, tag and schema, plus search and the bundled"
  echo "descriptions). redocly build-docs writes ONE HTML page that Redoc renders in the browser, and widdershins"
  echo "writes ONE Markdown file (no HTML). The anchors read the bundled meshery.yaml (124 operations), made before"
  echo "the runs; in 'mesh' apiref builds the whole project (both bundles, 334 operations) from the schemas tree."
  echo
fi

# ---- the browser: bench/browser.mjs ---------------------------------------------------------------
if [[ $DO_BROWSER -eq 1 ]]; then
  if [[ ! -x $CHROMIUM ]]; then
    [[ $CHROMIUM == /usr/bin/chromium ]] || die "Chromium not found at $CHROMIUM"
    apt_install chromium Chromium
  fi
  say "== $(case_label browser)"
  say "   building the apiref GitHub site for the browser runs (untimed)..."
  "$APIREF" build "$GH" -q --ignore-spec-errors -o "$WORK/site" >"$WORK/site.log" 2>&1 ||
    { cat "$WORK/site.log" >&2; die "apiref build $GH failed"; }
  node "$HERE/browser.mjs" --site "$WORK/site" --page "$BROWSER_PAGE" --spec "$GH" \
    --swagger-dist "$CACHE/node_modules/swagger-ui-dist" --chromium "$CHROMIUM" \
    --runs "$RUNS" --warmup "$WARMUP" --timeout "$TIMEOUT" --raw "$CACHE/last-browser.tsv"
  case $? in
    0) ;;
    1) FAILED=1 ;;
    *) die "bench/browser.mjs could not start" ;;
  esac
fi

if [[ $FAILED -ne 0 ]]; then
  echo "SOME RUNS FAILED: see the messages above and $RAW (FAILED and TIMEOUT cells have no median)."
  exit 1
fi
