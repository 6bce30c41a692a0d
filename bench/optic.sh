#!/usr/bin/env bash
# bench/optic.sh: `apiref diff` beside Optic's `optic diff` (@useoptic/optic, pinned with its
# npm overrides in bench/optic/package.json), interleaved, medians of RUNS runs:
#  (a) GitHub's description against the copy with twenty breaking edits (tests/diff/github_edits.py):
#      wall time, peak RSS, and how many of the twenty edits each reports as breaking;
#  (b) the Docker Engine pair of the Swagger 2.0 canary (API 1.40 -> 1.41): what each reports as
#      breaking. Optic refuses Swagger 2.0 ("Swagger 2 is not supported"), so it gets both files
#      converted by the pinned swagger2openapi (tests/swagger2); apiref reads the 2.0 files.
# Usage: bench/optic.sh   (env: APIREF, RUNS=3, GH_RUNS=RUNS, OPTIC_TIMEOUT=900 seconds, CORPUS)
set -uo pipefail
BENCH=optic
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
RUNS=${RUNS:-3}
GH_RUNS=${GH_RUNS:-$RUNS}  # Optic on GitHub may run to the timeout: fewer runs there
OPTIC_TIMEOUT=${OPTIC_TIMEOUT:-900}
CORPUS=${CORPUS:-$REPO/../shared/corpus}
GITHUB=$CORPUS/github/api.github.com.json
DOCKER_OLD=$CORPUS/swagger2/canary/docker-v19.03.13/swagger.yaml
DOCKER_NEW=$CORPUS/swagger2/canary/docker-v1.41/swagger.yaml
[[ -f $GITHUB && -f $DOCKER_OLD && -f $DOCKER_NEW ]] || die "corpus not found under $CORPUS"
need_timing_tools
need_apiref

OPTIC_DIR=$HERE/optic
OPTIC=$OPTIC_DIR/node_modules/.bin/optic
if [[ ! -x $OPTIC ]]; then
  say "installing the pinned Optic into bench/optic (npm ci)..."
  npm ci --prefix "$OPTIC_DIR" --ignore-scripts --no-audit --no-fund --loglevel=error >&2 || die "npm ci in bench/optic failed"
fi
# No usage data to Segment or Sentry (build/segment.js, build/sentry.js read this).
export OPTIC_TELEMETRY_LEVEL=off
S2O_DIR=$REPO/tests/swagger2
[[ -d $S2O_DIR/node_modules/swagger2openapi ]] ||
  npm ci --prefix "$S2O_DIR" --ignore-scripts --no-audit --no-fund --loglevel=error >&2 || die "npm ci in tests/swagger2 failed"

WORK=$(mktemp -d /tmp/bench-optic-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# timed NAME LIMIT CMD...: runs CMD under nice with GNU time; appends "seconds,kilobytes" (or
# "timeout") to $WORK/NAME.times; stdout to $WORK/NAME.out, stderr to $WORK/NAME.err.
timed() {
  local name=$1 limit=$2; shift 2
  nice -n 10 timeout "$limit" /usr/bin/time -f %e,%M -o "$WORK/$name.t" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  local code=$?
  if [[ $code -eq 124 ]]; then echo timeout >>"$WORK/$name.times"; else tail -1 "$WORK/$name.t" >>"$WORK/$name.times"; fi
  return $code
}
summary() {  # NAME: "median seconds, median peak MB" over the finished runs, or "timed out"
  local f=$WORK/$1.times
  local done; done=$(grep -c , "$f")
  [[ $done -gt 0 ]] || { echo "timed out ($(wc -l <"$f") runs)"; return; }
  local s m
  s=$(cut -d, -f1 <"$f" | grep -v timeout | median)
  m=$(grep , "$f" | cut -d, -f2 | median)
  printf '%.2f s, %.0f MB peak (%d of %d runs finished)' "$s" "$(echo "$m / 1024" | bc -l)" "$done" "$(wc -l <"$f")"
}

say "load: $(uptime)"
# (a) GitHub, twenty breaking edits.
python3 "$REPO/tests/diff/github_edits.py" "$GITHUB" "$WORK/edited.json" "$WORK/expected.json" || die "github_edits.py failed"
# Optic's default (strict) validation rejects GitHub's description; loose is the one that can diff it.
timed optic-strict 120 "$OPTIC" diff "$GITHUB" "$WORK/edited.json" --check
say "optic strict validation: exit $?, $(grep -c '^invalid openapi' "$WORK/optic-strict.err") 'invalid openapi' messages"
for ((i = 1; i <= GH_RUNS; i++)); do
  timed apiref-gh 300 "$APIREF" diff "$GITHUB" "$WORK/edited.json" --format json
  timed optic-gh "$OPTIC_TIMEOUT" "$OPTIC" diff "$GITHUB" "$WORK/edited.json" --check --validation loose
  say "run $i: apiref $(tail -1 "$WORK/apiref-gh.times"), optic $(tail -1 "$WORK/optic-gh.times")"
done
apiref_found=$(python3 - "$WORK/expected.json" "$WORK/apiref-gh.out" <<'PY'
import json, sys
want = [(e["rule"], e["pointer"]) for e in json.load(open(sys.argv[1]))]
got = {(f["rule"], f["pointer"]) for f in json.load(open(sys.argv[2]))["findings"] if f["severity"] == "breaking"}
print(sum(w in got for w in want))
PY
)
echo "GitHub, 20 breaking edits:"
echo "  apiref diff: $(summary apiref-gh); $apiref_found of 20 edits reported as breaking"
echo "  optic diff:  $(summary optic-gh); $(grep -c 'This is a breaking change' "$WORK/optic-gh.out") breaking findings"
grep -B1 'This is a breaking change' "$WORK/optic-gh.out" | sed -n 's/^ *x \[/    [/p'

# (b) Docker Engine 1.40 -> 1.41. swagger2openapi's YAML parser refuses both files (multi-line
# double-quoted strings), so they go through JSON first.
mkdir -p "$WORK/d/old" "$WORK/d/new"
python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), open(sys.argv[2], "w"))' "$DOCKER_OLD" "$WORK/d/old/swagger.json" &&
python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), open(sys.argv[2], "w"))' "$DOCKER_NEW" "$WORK/d/new/swagger.json" ||
  die "cannot read the Docker pair as YAML"
(cd "$S2O_DIR" && nice -n 10 node reference.mjs "$WORK/conv" "$WORK/d/old" "$WORK/d/new") || die "swagger2openapi failed"
for ((i = 1; i <= RUNS; i++)); do
  timed apiref-docker 300 "$APIREF" diff "$DOCKER_OLD" "$DOCKER_NEW" --format json
  timed optic-docker "$OPTIC_TIMEOUT" "$OPTIC" diff "$WORK/conv/0.json" "$WORK/conv/1.json" --check --validation loose
done
timed apiref-docker3 300 "$APIREF" diff "$WORK/conv/0.json" "$WORK/conv/1.json" --format json
echo "Docker 1.40 -> 1.41:"
echo "  apiref diff (Swagger 2.0 as is): $(summary apiref-docker)"
python3 - "$WORK/apiref-docker.out" "$WORK/apiref-docker3.out" <<'PY'
import json, sys
for label, path in (("2.0 as is", sys.argv[1]), ("swagger2openapi's 3.0", sys.argv[2])):
    found = json.load(open(path))["findings"]
    print(f"    {label}: {sum(f['severity'] == 'breaking' for f in found)} breaking, {len(found)} findings")
    for f in found:
        if f["severity"] != "info":
            print(f"      {f['severity']} {f['rule']}: {f['message']}")
PY
echo "  optic diff (swagger2openapi's 3.0): $(summary optic-docker); $(grep -c 'This is a breaking change' "$WORK/optic-docker.out") breaking findings"
awk '/^x [A-Z]+ \// { op = $2 " " $3 } /This is a breaking change/ { sub(/^ *x /, ""); print "      " op " " $0 }' "$WORK/optic-docker.out"
