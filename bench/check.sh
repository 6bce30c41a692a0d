#!/usr/bin/env bash
# bench/check.sh: times `apiref check` against two anchors on the same inputs:
#   - Redocly CLI, `redocly lint` (its default `recommended` rules), and
#   - Spectral, `spectral lint` with the `spectral:oas` ruleset.
# Cases: GitHub's description (one 13 MB file) and the Meshery tree (every root document
# `apiref check examples/meshery` reads: the two bundle bases and the constructs; the anchors get
# the same files as a list). Each tool uses its own default rule set, so the finding counts differ;
# they are printed as a sanity check that every run did the work.
# Prints median wall time and median peak RSS per tool and the anchor/apiref ratios. This is a
# benchmark, not a test: it exits 1 if any run failed, 2 if it could not start.
#
#   bash bench/check.sh                   # 5 runs of apiref, 3 of each anchor, per case
#   RUNS=9 ANCHOR_RUNS=3 bash bench/check.sh
#   CASES=mesh bash bench/check.sh        # gh mesh
#   WARMUP=0 bash bench/check.sh          # no untimed warm-up run
#   TIMEOUT=900 bash bench/check.sh       # seconds before a run is killed (TIMEOUT in the table)
#
# Runs alternate (apiref, redocly, spectral, apiref, ...) so that load drift hits every tool.
# Tables go to stdout, progress to stderr, raw runs to bench/.cache/last-check.tsv.

set -uo pipefail
export LC_ALL=C

BENCH=check.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
RUNS=${RUNS:-5}
ANCHOR_RUNS=${ANCHOR_RUNS:-3}
WARMUP=${WARMUP:-1}
TIMEOUT=${TIMEOUT:-900}
CASES=${CASES:-"gh mesh"}

[[ $RUNS =~ ^[1-9][0-9]*$ && $ANCHOR_RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS and ANCHOR_RUNS must be positive integers"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer"
need_timing_tools
command -v python3 >/dev/null || die "needs python3 (to count findings)"

CORPUS=$REPO/../shared/corpus
[[ -d $CORPUS ]] || die "corpus not found at $CORPUS"
CORPUS=$(cd "$CORPUS" && pwd)
GH=$CORPUS/github/api.github.com.json
PROJ=$REPO/examples/meshery
[[ -f $GH && -f $PROJ/apiref.yaml ]] || die "missing inputs"

need_apiref

# ---- the anchors, pinned in bench/package.json + package-lock.json, installed into bench/.cache ----
need_anchors "@redocly/cli" "@stoplight/spectral-cli"
REDOCLY=$CACHE/node_modules/.bin/redocly
SPECTRAL=$CACHE/node_modules/.bin/spectral
[[ -x $REDOCLY && -x $SPECTRAL ]] || die "redocly or spectral is missing from bench/.cache/node_modules/.bin"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/apiref-bench-check.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$WORK"' EXIT
cp "$APIREF" "$WORK/apiref" || die "cannot copy $APIREF"
APIREF_VERSION="$("$WORK/apiref" --version | head -n1), binary of $(date -u -r "$APIREF" '+%F %H:%M UTC')"
APIREF=$WORK/apiref
printf 'extends: ["spectral:oas"]\n' >"$WORK/spectral.yaml"

# The Meshery roots: exactly the files apiref's project check starts from (made once, untimed).
MESH_LIST=$WORK/mesh-roots.txt
if [[ " $CASES " == *" mesh "* ]]; then
  (cd "$PROJ" && "$APIREF" check --format "json=$WORK/mesh-probe.json" -q >/dev/null 2>&1)
  python3 - "$WORK/mesh-probe.json" "$PROJ" >"$MESH_LIST" <<'PY' || die "cannot list the Meshery roots"
import json, os, sys
d = json.load(open(sys.argv[1]))
for r in d["roots"]:
    print(os.path.normpath(os.path.join(sys.argv[2], r)) if not os.path.isabs(r) else r)
PY
  [[ -s $MESH_LIST ]] || die "no Meshery roots"
  MESH_FILES=$(wc -l <"$MESH_LIST")
fi

case_label() {
  case $1 in
    gh) echo "GitHub api.github.com.json" ;;
    mesh) echo "Meshery tree (${MESH_FILES:-?} root files)" ;;
    *) return 1 ;;
  esac
}
for c in $CASES; do case_label "$c" >/dev/null || die "unknown case '$c'"; done
TOOLS=(apiref redocly spectral)

# set_cmd TOOL CASE DIR: CMD to run in DIR; OUT the report it writes (its findings are counted).
set_cmd() {
  local tool=$1 c=$2 d=$3
  local -a files
  if [[ $c == gh ]]; then files=("$GH"); else mapfile -t files <"$MESH_LIST"; fi
  OUT=$d/out.json
  case $tool:$c in
    apiref:gh) CMD=("$APIREF" check "$GH" --format "json=$OUT") ;;
    apiref:mesh) CMD=("$APIREF" check "$PROJ" --format "json=$OUT") ;;
    redocly:*) CMD=("$REDOCLY" lint "${files[@]}" --format json) ;;  # JSON on stdout
    spectral:*) CMD=("$SPECTRAL" lint -r "$WORK/spectral.yaml" -f json -o "$OUT" --quiet "${files[@]}") ;;
  esac
}

# count_findings TOOL DIR: number of findings in the run's report (or "" when it is not readable).
count_findings() {
  python3 - "$1" "$2" <<'PY' 2>/dev/null
import json, sys
tool, d = sys.argv[1], sys.argv[2]
if tool == "redocly":
    # one JSON document per input file, one after the other
    text, i, n, dec = open(d + "/stdout").read(), 0, 0, json.JSONDecoder()
    while True:
        i = text.find("{", i)
        if i < 0:
            break
        doc, i = dec.raw_decode(text, i)
        # totals, not len(problems): the JSON lists at most --max-problems (100) problems
        n += doc["totals"]["errors"] + doc["totals"]["warnings"]
    print(n)
elif tool == "spectral":
    print(len(json.load(open(d + "/out.json"))))
else:
    print(len(json.load(open(d + "/out.json"))["findings"]))
PY
}

TSV=$CACHE/last-check.tsv
mkdir -p "$CACHE"
printf 'case\ttool\trun\twall_s\tmaxrss_kib\tuser_s\tsys_s\tstatus\tfindings\n' >"$TSV"
declare -A WALLS RSSES CPUS COUNT FAILED
run_one() {  # run_one CASE TOOL RUN-LABEL (RUN-LABEL "w" = warm-up, not recorded)
  local c=$1 tool=$2 label=$3
  local d=$WORK/run-$c-$tool-$label
  rm -rf "$d" && mkdir -p "$d"
  set_cmd "$tool" "$c" "$d"
  local t0 t1 rc
  t0=$EPOCHREALTIME
  (cd "$d" && timeout -k 10 "$TIMEOUT" /usr/bin/time -f '%M %U %S' -o "$d/time" "${CMD[@]}" >"$d/stdout" 2>"$d/stderr")
  rc=$?
  t1=$EPOCHREALTIME
  local wall rss usr sys n status
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  read -r rss usr sys < <(tail -n1 "$d/time" 2>/dev/null)
  n=$(count_findings "$tool" "$d")
  # Lint tools exit 1 when they find problems; 0 or 1 with a readable report is a good run.
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then status=TIMEOUT
  elif [[ $rc -le 1 && ${n:-0} -gt 0 ]]; then status=ok  # every input here has findings
  else status=FAILED; fi
  if [[ $status != ok ]]; then
    say "  $tool on $c: $status (exit $rc): ${CMD[*]:0:4} ..."
    tail -n 5 "$d/stderr" >&2
    FAILED[$c:$tool]=$status
  fi
  if [[ $label != w ]]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$tool" "$label" "$wall" "${rss:-}" "${usr:-}" "${sys:-}" "$status" "${n:-}" >>"$TSV"
    if [[ $status == ok ]]; then
      WALLS[$c:$tool]+="$wall "
      RSSES[$c:$tool]+="${rss:-0} "
      CPUS[$c:$tool]+="$(awk -v u="${usr:-0}" -v s="${sys:-0}" 'BEGIN { printf "%.2f", u + s }') "
      COUNT[$c:$tool]=$n
    fi
  fi
  say "  $c $tool ${label}: ${wall} s, $(( ${rss:-0} / 1024 )) MiB, exit $rc, ${n:-?} findings"
  rm -rf "$d"
}
# The runs are kept space-separated per case and tool; lib.sh's median reads one per line.
spaced_median() { tr ' ' '\n' | grep -v '^$' | median; }

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
for c in $CASES; do
  say "case $c: $(case_label "$c")"
  if [[ $WARMUP -gt 0 ]]; then for tool in "${TOOLS[@]}"; do run_one "$c" "$tool" w; done; fi
  max=$(( RUNS > ANCHOR_RUNS ? RUNS : ANCHOR_RUNS ))
  for ((i = 1; i <= max; i++)); do
    for tool in "${TOOLS[@]}"; do
      want=$ANCHOR_RUNS
      [[ $tool == apiref ]] && want=$RUNS
      (( i <= want )) || continue
      [[ ${FAILED[$c:$tool]:-} == TIMEOUT ]] && continue  # do not wait for the same timeout again
      run_one "$c" "$tool" "$i"
    done
  done
done
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

cell() {  # cell CASE TOOL KIND: median wall (s) or RSS (MiB), or the failure
  local v
  if [[ -n ${FAILED[$1:$2]:-} && -z ${WALLS[$1:$2]:-} ]]; then echo "${FAILED[$1:$2]}"; return; fi
  if [[ $3 == wall ]]; then v=$(echo "${WALLS[$1:$2]:-}" | spaced_median); [[ -n $v ]] && printf '%.3f' "$v" || echo -
  elif [[ $3 == cpu ]]; then v=$(echo "${CPUS[$1:$2]:-}" | spaced_median); [[ -n $v ]] && printf '%.2f' "$v" || echo -
  else v=$(echo "${RSSES[$1:$2]:-}" | spaced_median); [[ -n $v ]] && awk -v k="$v" 'BEGIN { printf "%.1f", k / 1024 }' || echo -; fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f", a / b; else print "-" }'; }

echo "apiref check vs redocly lint vs spectral lint (spectral:oas): medians; apiref $RUNS runs, anchors $ANCHOR_RUNS runs each, interleaved"
echo "$APIREF_VERSION (${APIREF_BUILD:-?}); @redocly/cli ${PIN[@redocly/cli]}, @stoplight/spectral-cli ${PIN[@stoplight/spectral-cli]} on node $(node --version); $(nproc) cores; load avg $LOAD0 -> $LOAD1"
echo
for kind in wall cpu rss; do
  case $kind in wall) echo "wall time, s" ;; cpu) echo "CPU time (user+sys), s" ;; rss) echo "peak RSS, MiB" ;; esac
  printf '%-34s %9s %9s %7s %9s %7s\n' case apiref redocly x spectral x
  printf '%-34s %9s %9s %7s %9s %7s\n' ---------------------------------- --------- --------- ------- --------- -------
  for c in $CASES; do
    a=$(cell "$c" apiref $kind) r=$(cell "$c" redocly $kind) s=$(cell "$c" spectral $kind)
    printf '%-34s %9s %9s %7s %9s %7s\n' "$(case_label "$c")" "$a" "$r" "$(ratio "$r" "$a")" "$s" "$(ratio "$s" "$a")"
  done
  echo
done
echo "findings reported (each tool's own default rules, so they differ; shown to prove each run did the work)"
printf '%-34s %9s %9s %9s\n' case apiref redocly spectral
for c in $CASES; do
  printf '%-34s %9s %9s %9s\n' "$(case_label "$c")" "${COUNT[$c:apiref]:--}" "${COUNT[$c:redocly]:--}" "${COUNT[$c:spectral]:--}"
done
echo
echo "x is anchor / apiref (above 1: apiref is faster or smaller). Wall time includes process start-up."
echo "On a loaded machine every process waits for a core; CPU time is the number that moves least."
[[ -z ${FAILED[*]:-} ]] || exit 1
