#!/usr/bin/env bash
# Runs every fuzz target for its share of SECONDS_TOTAL (default 60), each from its seed corpus
# (fuzz/corpus/<target>) plus what earlier runs found (BUILD/fuzz-corpus/<target>), with its
# dictionary. Builds the fuzz build first when it is missing or stale (clang, -DAPIREF_FUZZ=ON).
# Prints executions and coverage per target; exits non-zero when a target crashed, leaked,
# timed out or ran out of memory. The input that did it is in BUILD/fuzz-crashes/<target>/.
#
#   fuzz/run.sh [SECONDS_TOTAL] [BUILD]      BUILD: the fuzz build folder (default build-fuzz)
#   FUZZ_TARGETS="yaml json" fuzz/run.sh 600  only some targets
#   FUZZ_NO_BUILD=1 fuzz/run.sh                 the programs as they are (a build is running)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
total=${1:-60}
build=${2:-$root/build-fuzz}
targets=${FUZZ_TARGETS:-yaml json resolve swagger2 markdown snippets quoting search_index page}

if [[ -z ${FUZZ_NO_BUILD:-} && ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" $(command -v ninja >/dev/null && echo -G Ninja) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DAPIREF_FUZZ=ON || exit 2
fi
programs=()
for t in $targets; do programs+=("fuzz_$t"); done
[[ -n ${FUZZ_NO_BUILD:-} ]] || cmake --build "$build" -j "${FUZZ_JOBS:-2}" --target "${programs[@]}" >/dev/null || {
  echo "fuzz: the build failed (cmake --build $build --target ${programs[*]})" >&2
  exit 2
}

count=$(wc -w <<<"$targets")
share=$(( total / count ))
(( share < 1 )) && share=1
status=0
printf '%-13s %6s %10s %7s %7s %8s  %s\n' target seconds execs cov ft corpus result
for t in $targets; do
  corpus=$build/fuzz-corpus/$t crashes=$build/fuzz-crashes/$t log=$build/fuzz-logs/$t.log
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  seeds=("$here/corpus/$t")
  [[ $t == quoting ]] && seeds+=("$here/corpus/snippets")  # the snippet target's descriptions too
  dict=$here/dict/openapi.dict
  [[ $t == markdown ]] && dict=$here/dict/markdown.dict
  # -max_len: descriptions past 64 KB add nothing the small ones do not reach, and slow every
  # execution; -timeout: one input taking 10 s is a hang; -rss_limit_mb: a bomb.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$build/fuzz_$t" "$corpus" "${seeds[@]}" -dict="$dict" -max_total_time="$share" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)
  ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)
  files=$(ls "$corpus" | wc -l)
  result=ok
  if (( rc != 0 )); then
    result="FAILED (exit $rc): $(ls -t "$crashes" | head -1) — see $log"
    status=1
  fi
  printf '%-13s %6s %10s %7s %7s %8s  %s\n' "$t" "$share" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$files" "$result"
done
exit $status
