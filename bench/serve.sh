#!/usr/bin/env bash
# bench/serve.sh: how long from saving a file of Meshery's tree to the updated page in the
# browser, with `apiref serve` (bench/reload.mjs drives Chromium), next to what a rebuild costs
# without serve: a full `apiref build` of the same tree (what a watcher plus a static server
# would run on every save). Works on a temporary copy of ../shared/corpus/meshery/schemas.
#
#   bash bench/serve.sh            # RUNS=7 edits per case, 5 full builds
#   RUNS=11 BUILDS=9 bash bench/serve.sh
#
# Prints medians: save -> page (browser), serve's own rebuild time (from its log, for the same
# edits), and the full build; then the ratio full build / serve rebuild. Progress on stderr.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
APIREF=${APIREF:-$ROOT/build/apiref}
RUNS=${RUNS:-7}
BUILDS=${BUILDS:-5}
CORPUS="$ROOT/../shared/corpus/meshery/schemas"
say() { echo "serve.sh: $*" >&2; }
die() { say "$*"; exit 2; }
[ -x "$APIREF" ] || die "no apiref at $APIREF (cmake --build build)"
[ -d "$CORPUS" ] || die "no Meshery corpus at $CORPUS"
if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ] && [ ! -d "$HERE/.cache/node_modules/playwright-core" ]; then
  say "installing playwright-core (tests/browser, pinned)"
  npm ci --prefix "$ROOT/tests/browser" --ignore-scripts --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
fi

WORK=$(mktemp -d)
SERVE_PID=""
trap '[ -n "$SERVE_PID" ] && kill -TERM "$SERVE_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/tree"
cp -r "$CORPUS" "$WORK/tree/schemas"
chmod -R u+w "$WORK/tree"
sed 's#^root: .*#root: schemas#' "$ROOT/examples/meshery/apiref.yaml" >"$WORK/tree/apiref.yaml"

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# --- full builds of the same tree, for comparison ----------------------------------------------
say "full builds: $BUILDS runs of apiref build"
: >"$WORK/builds.txt"
for _ in $(seq 1 "$BUILDS"); do
  start=$(date +%s%N)
  (cd "$WORK/tree" && "$APIREF" build -q --ignore-spec-errors -o "$WORK/site" >/dev/null 2>&1) || die "apiref build failed"
  echo $(( ($(date +%s%N) - start) / 1000000 )) >>"$WORK/builds.txt"
done
FULL=$(median <"$WORK/builds.txt")

# --- serve and the browser --------------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$WORK/tree" && exec "$APIREF" serve -q --port "$PORT") >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 1 300); do grep -q "serving http" "$WORK/serve.log" && break; sleep 0.1; done
grep -q "serving http" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; die "apiref serve did not start"; }
say "serve started: $(grep -o 'built [0-9]* files in [0-9]* ms' "$WORK/serve.log")"
say "browser: $RUNS timed edits per case (plus one warm-up)"
node "$HERE/reload.mjs" --url "http://127.0.0.1:$PORT/" --dir "$WORK/tree/schemas" --runs "$RUNS" >"$WORK/reload.jsonl" ||
  { cat "$WORK/serve.log" >&2; die "reload.mjs failed"; }
kill -INT "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null; SERVE_PID=""

# serve's own rebuild times, per case, in the order the edits were made (warm-up, RUNS edits,
# the restore), from lines "rebuilt after api.yml changed: N files changed, T ms (...)".
grep -o 'rebuilt after [^:]*: [0-9]* files changed, [0-9]* ms (.*)' "$WORK/serve.log" >"$WORK/rebuilds.txt"
rebuilds_of() {  # rebuilds_of N: the timed rebuilds of case N (0-based)
  local first=$(( $1 * (RUNS + 2) + 2 ))
  sed -n "${first},$((first + RUNS - 1))p" "$WORK/rebuilds.txt" | sed 's/.* \([0-9]*\) ms (.*/\1/'
}
pages_of() {
  local first=$(( $1 * (RUNS + 2) + 2 ))
  sed -n "${first}p" "$WORK/rebuilds.txt" | grep -o '[0-9]* pages rendered, [0-9]* unchanged'
}

echo
echo "apiref serve, Meshery tree (copy), $RUNS edits per case; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %-38s %8s %18s %16s %s\n' case file bytes "save->page (ms)" "rebuild (ms)" "pages"
n=0
while read -r line; do
  name=$(node -p 'JSON.parse(process.argv[1]).case' "$line")
  file=$(node -p 'JSON.parse(process.argv[1]).file' "$line")
  bytes=$(node -p 'JSON.parse(process.argv[1]).bytes' "$line")
  med=$(node -p 'JSON.parse(process.argv[1]).median' "$line")
  samples=$(node -p 'JSON.parse(process.argv[1]).samples.join(" ")' "$line")
  rb=$(rebuilds_of $n | median)
  printf '%-14s %-38s %8s %18s %16s %s\n' "$name" "$file" "$bytes" "$med" "$rb" "$(pages_of $n)"
  echo "  save->page samples: $samples"
  echo "  rebuild samples:    $(rebuilds_of $n | tr '\n' ' ')"
  n=$((n + 1))
  [ "$n" -eq 1 ] && SMALL_REBUILD=$rb
done <"$WORK/reload.jsonl"
echo "full apiref build of the same tree (to disk), median of $BUILDS: $FULL ms  (samples: $(tr '\n' ' ' <"$WORK/builds.txt"))"
echo "ratio full build / serve rebuild (small file): $(awk -v a="$FULL" -v b="${SMALL_REBUILD:-0}" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')"
