#!/usr/bin/env bash
# How much request snippets (five languages for every operation) add to `apiref build` on
# GitHub's description: interleaved runs with and without them, medians of wall and CPU time.
# Usage: bash bench/snippets.sh   (RUNS=N to change the number of runs, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
APIREF=${APIREF:-build/apiref}
INPUT=../shared/corpus/github/api.github.com.json
[ -x "$APIREF" ] || { echo "build apiref first (make build)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

measure() {  # measure LANGS -> "wall cpu"
  /usr/bin/time -f "%e %U %S" "$APIREF" build "$INPUT" -q -o "$OUT/site" --snippets "$1" 2>&1 >/dev/null |
    tail -1 | awk '{printf "%s %.2f\n", $1, $2 + $3}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >"$OUT/none" && : >"$OUT/all"
for _ in $(seq "$RUNS"); do
  measure none >>"$OUT/none"
  measure curl,httpie,python,javascript,go >>"$OUT/all"
done
wn=$(cut -d' ' -f1 "$OUT/none" | median); cn=$(cut -d' ' -f2 "$OUT/none" | median)
wa=$(cut -d' ' -f1 "$OUT/all" | median); ca=$(cut -d' ' -f2 "$OUT/all" | median)
echo "apiref build, GitHub's description, median of $RUNS interleaved runs"
printf '%-34s %8s %8s\n' "" "wall s" "cpu s"
printf '%-34s %8s %8s\n' "without snippets" "$wn" "$cn"
printf '%-34s %8s %8s\n' "with snippets (5 languages)" "$wa" "$ca"
awk -v wn="$wn" -v wa="$wa" -v cn="$cn" -v ca="$ca" \
  'BEGIN {printf "%-34s %+7.1f%% %+7.1f%%   (target: under +20%%)\n", "added by snippets", (wa/wn-1)*100, (ca/cn-1)*100}'
