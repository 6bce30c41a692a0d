#!/usr/bin/env bash
# bench/scale.sh: how apiref's cost grows with the size of a description. Generates synthetic
# descriptions of 2,000 to 64,000 simple operations (bench/scale_gen.py: one path parameter,
# one shared schema, 50 tags; the same bytes on every run) and times `apiref build`, `check`
# and `bundle` on each: wall time, peak RSS, the ratio of each to the smallest size, and the
# time of each stage (the commands' --timings). Near-linear cost means a ratio near the ratio of
# the sizes (x32 from 2k to 64k); the target is 32k within 20x the time of 2k for each command.
# This is a benchmark, not a test: it exits 1 if any run failed, 2 if it could not start.
#
#   bash bench/scale.sh                        # 2k 4k 8k 16k 32k 64k, 1 run each
#   SIZES="2000 8000 32000" bash bench/scale.sh
#   RUNS=3 bash bench/scale.sh                 # the median of 3 runs per size and command
#   COMMANDS="check bundle" bash bench/scale.sh
#   TIMEOUT=300 bash bench/scale.sh            # seconds before a run is killed (TIMEOUT in the table)
#   APIREF=/path/to/apiref bash bench/scale.sh
#   TAGS=all SCHEMAS=all bash bench/scale.sh   # a tag and a schema per operation (default 50 and 1)
#
# Table to stdout, progress to stderr, raw runs to bench/.cache/last-scale.tsv.

set -uo pipefail
export LC_ALL=C

BENCH=scale.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
SIZES=${SIZES:-"2000 4000 8000 16000 32000 64000"}
COMMANDS=${COMMANDS:-"build check bundle"}
RUNS=${RUNS:-1}
TIMEOUT=${TIMEOUT:-600}
TAGS=${TAGS:-50}
SCHEMAS=${SCHEMAS:-1}

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
for n in $SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive integers"; done
[[ $TAGS =~ ^([1-9][0-9]*|all)$ && $SCHEMAS =~ ^([1-9][0-9]*|all)$ ]] || die "TAGS and SCHEMAS are counts or 'all'"
for c in $COMMANDS; do [[ $c == build || $c == check || $c == bundle ]] || die "unknown command '$c' (build check bundle)"; done
need_timing_tools
command -v python3 >/dev/null || die "needs python3 (to generate the descriptions)"
need_apiref

WORK=$(mktemp -d "${TMPDIR:-/tmp}/apiref-bench-scale.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$WORK"' EXIT
cp "$APIREF" "$WORK/apiref" || die "cannot copy $APIREF"
APIREF_VERSION="$("$WORK/apiref" --version | head -n1), binary of $(date -u -r "$APIREF" '+%F %H:%M UTC')"
APIREF=$WORK/apiref

# --timings where the binary has it (an older apiref, to compare with, may not).
declare -A TIMINGS
for c in $COMMANDS; do
  "$APIREF" "$c" --help 2>/dev/null | grep -q -- --timings && TIMINGS[$c]=--timings
done

# set_cmd COMMAND INPUT DIR: CMD, run in DIR. Every command writes what it would in CI: the
# site, the stylish report (to a file: a terminal would cost more than the check), the bundle.
set_cmd() {
  case $1 in
    build) CMD=("$APIREF" build "$2" -o "$3/site" -q ${TIMINGS[build]:-}) ;;
    check) CMD=("$APIREF" check "$2" --format "stylish=$3/report.txt" ${TIMINGS[check]:-}) ;;
    bundle) CMD=("$APIREF" bundle "$2" -o "$3/bundle.json" ${TIMINGS[bundle]:-}) ;;
  esac
}

# The stage lines of --timings ("  load and bundle: 0.197 s"), as "load and bundle 0.20, ...".
stages() {
  awk '/^  [^:]+: [0-9.]+ s$/ { sub(/^  /, ""); n = split($0, p, ": "); t = p[n]; sub(/ s$/, "", t)
    out = out (out ? ", " : "") p[1] " " sprintf("%.2f", t) } END { print out }' "$1"
}

TSV=$CACHE/last-scale.tsv
mkdir -p "$CACHE"
printf 'operations\tcommand\trun\twall_s\tmaxrss_kib\tuser_s\tsys_s\tstatus\tstages\n' >"$TSV"
declare -A WALLS CPUS RSSES STAGES FAILED
status_all=0
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $SIZES; do
  in=$WORK/scale-$n.json
  python3 "$HERE/scale_gen.py" "$n" "$in" --tags "${TAGS/all/$n}" --schemas "${SCHEMAS/all/$n}" ||
    die "cannot generate $n operations"
  say "$n operations: $(( $(stat -c %s "$in") / 1024 )) KiB"
  for ((i = 1; i <= RUNS; i++)); do
    for c in $COMMANDS; do
      [[ -n ${FAILED[$n:$c]:-} ]] && continue
      d=$WORK/run-$n-$c-$i
      mkdir -p "$d"
      set_cmd "$c" "$in" "$d"
      t0=$EPOCHREALTIME
      (cd "$d" && timeout -k 10 "$TIMEOUT" /usr/bin/time -f '%M %U %S' -o "$d/time" "${CMD[@]}" >"$d/stdout" 2>"$d/stderr")
      rc=$?
      t1=$EPOCHREALTIME
      wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
      read -r rss usr sys < <(tail -n1 "$d/time" 2>/dev/null)
      st=$(stages "$d/stderr")
      # check exits 0 here: the synthetic operations have warnings only.
      if [[ $rc -eq 124 || $rc -eq 137 ]]; then status=TIMEOUT
      elif [[ $rc -eq 0 ]]; then status=ok
      else status=FAILED; fi
      if [[ $status != ok ]]; then
        say "  $c on $n: $status (exit $rc)"
        tail -n 5 "$d/stderr" >&2
        FAILED[$n:$c]=$status
        status_all=1
      else
        WALLS[$n:$c]+="$wall "
        RSSES[$n:$c]+="${rss:-0} "
        CPUS[$n:$c]+="$(awk -v u="${usr:-0}" -v s="${sys:-0}" 'BEGIN { printf "%.2f", u + s }') "
        STAGES[$n:$c]=$st
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$c" "$i" "$wall" "${rss:-}" "${usr:-}" "${sys:-}" "$status" "$st" >>"$TSV"
      say "  $c run $i: ${wall} s, $(( ${rss:-0} / 1024 )) MiB, exit $rc${st:+ ($st)}"
      rm -rf "$d"
    done
  done
  rm -f "$in"
done
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

spaced_median() { tr ' ' '\n' | grep -v '^$' | median; }
first=${SIZES%% *}
echo "apiref on synthetic descriptions (bench/scale_gen.py, tags $TAGS, schemas $SCHEMAS): median of $RUNS run(s); ratios to $first operations"
echo "$APIREF_VERSION (${APIREF_BUILD:-?}); $(nproc) cores; load avg $LOAD0 -> $LOAD1"
ratio() { awk -v a="$1" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
for c in $COMMANDS; do
  echo
  echo "apiref $c"
  printf '%10s %8s %6s %8s %6s %8s %6s  %s\n' operations "wall s" x "CPU s" x "peak MiB" x "stages, s (last run)"
  printf '%10s %8s %6s %8s %6s %8s %6s  %s\n' ---------- -------- ------ -------- ------ -------- ------ --------------------
  base_w= base_c= base_r=
  for n in $SIZES; do
    if [[ -z ${WALLS[$n:$c]:-} ]]; then
      printf '%10s %8s\n' "$n" "${FAILED[$n:$c]:-FAILED}"
      continue
    fi
    w=$(echo "${WALLS[$n:$c]}" | spaced_median)
    u=$(echo "${CPUS[$n:$c]}" | spaced_median)
    r=$(echo "${RSSES[$n:$c]}" | spaced_median)
    [[ -z $base_w && $n == "$first" ]] && base_w=$w base_c=$u base_r=$r
    printf '%10s %8.2f %6s %8.2f %6s %8.1f %6s  %s\n' "$n" "$w" "$(ratio "$w" "$base_w")" "$u" "$(ratio "$u" "$base_c")" \
      "$(awk -v k="$r" 'BEGIN { print k / 1024 }')" "$(ratio "$r" "$base_r")" "${STAGES[$n:$c]}"
  done
done
exit $status_all
