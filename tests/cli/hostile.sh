#!/usr/bin/env bash
# `apiref build` and `apiref check` on hostile descriptions (tests/fixtures/hostile-build/): each
# once looped for ever or crashed; each must now finish within seconds, exit with a documented
# code, and render what it can. The unit tests (generator/build/hostile_input_test.cpp) pin the
# same bounds one stage at a time. Usage: hostile.sh path/to/apiref
set -uo pipefail
APIREF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX="$ROOT/tests/fixtures/hostile-build"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
cd "$WORK"

LIMIT=${HOSTILE_LIMIT:-20}  # seconds; each fixture takes well under one

# finishes NAME CODES ARGS...: apiref ARGS exits with one of CODES (e.g. "0" or "0 1") within
# LIMIT seconds, neither killed by the time limit nor by a signal.
finishes() {
  local name=$1 codes=$2
  shift 2
  local start=$EPOCHREALTIME
  timeout -s KILL "$LIMIT" "$APIREF" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  local got=$? took
  took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
  echo "apiref $1 $(basename "$2"): exit $got in $took s"
  [[ $got -ne 137 ]] || { echo "  timed out after $LIMIT s"; return 1; }
  [[ $got -lt 128 ]] || { echo "  killed by signal $((got - 128))"; return 1; }
  [[ " $codes " == *" $got "* ]] || { echo "  wanted exit $codes"; tail -5 "$WORK/$name.err"; return 1; }
}

# Generated here rather than committed: a description whose markdown has a table row of
# 100,000 cells (cmark-gfm's table extension is quadratic in a row's cells).
python3 -c "print('openapi: 3.0.3\ninfo: {title: Wide table, version: \"1\"}\npaths:\n  /a:\n    get:\n      operationId: a\n      description: \"|a|\\\\n|-|\\\\n' + '|' * 100000 + '\"\n      responses: {\"200\": {description: ok}}')" >"$WORK/markdown-wide-table.yaml"

for f in "$FIX"/*.yaml "$WORK/markdown-wide-table.yaml"; do
  n=$(basename "$f" .yaml)
  check "$n: build finishes, exit 0" finishes "build-$n" 0 build "$f" -o "$WORK/site-$n" -q --ignore-spec-errors
  check "$n: check finishes, exit 0 or 1" finishes "check-$n" "0 1" check "$f" -q
done

# What each one renders.
check "server variables: the URL shows each placeholder substituted once" \
  grep -qF 'https://{host}/{stage}{stage}/v1' site-server-variables/index.html
check "patterns: no sample that reads a {1000000} quantifier as text" \
  bash -c "! grep -rqF 'a{1000000}' site-pattern-backtracking/*/operations/"
check "example fan-out: the operation page is written, and under 8 MB" \
  bash -c "f=\$(ls site-example-fanout/*/operations/getTree.html) && test \$(stat -c %s \$f) -lt 8000000"
check "unnamed ref cycle: the schema page shows the cycle's properties" \
  bash -c "grep -q 'prop-name\">left<' site-unnamed-ref-cycle/*/schemas/Graph.html"

# Invalid UTF-8 (a Latin-1 'é'): an error at its line and column in every command, not a
# bundle, check and site that carry the byte on.
printf 'openapi: 3.0.3\ninfo: {title: "caf\xe9", version: "1"}\npaths: {}\n' >"$WORK/latin1.yaml"
check "invalid UTF-8: check exits 1" finishes check-latin1 1 check "$WORK/latin1.yaml"
check "invalid UTF-8: check names the place" grep -qF 'latin1.yaml:2:19 error invalid-utf8' check-latin1.out
check "invalid UTF-8: bundle exits 1" finishes bundle-latin1 1 bundle "$WORK/latin1.yaml" -o "$WORK/latin1-bundle.yaml"
check "invalid UTF-8: bundle names the place" grep -qF 'latin1.yaml:2:19: error:' bundle-latin1.err
check "invalid UTF-8: no bundle written" test ! -e "$WORK/latin1-bundle.yaml"
check "invalid UTF-8: build exits 1" finishes build-latin1 1 build "$WORK/latin1.yaml" -o "$WORK/site-latin1"
check "invalid UTF-8: build names the place" grep -qF 'latin1.yaml:2:19 error invalid-utf8' build-latin1.err

# A pure $ref cycle (A: {$ref: B}, B: {$ref: A}): bundle refuses it as build and check do.
cat >"$WORK/pure-cycle.yaml" <<'YAML'
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /x:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/A"}
components:
  schemas:
    A: {$ref: "#/components/schemas/B"}
    B: {$ref: "#/components/schemas/A"}
YAML
check "pure ref cycle: bundle exits 1" finishes bundle-cycle 1 bundle "$WORK/pure-cycle.yaml" -o "$WORK/cycle-bundle.yaml"
check "pure ref cycle: bundle names the ref" grep -qF 'pure-cycle.yaml:11:30: error:' bundle-cycle.err
check "pure ref cycle: bundle says ref-cycle" grep -qF '[ref-cycle]' bundle-cycle.err

# Names hostile as file names (tests/hostile/names.json: '../../etc/passwd', '/', '\\..', CON,
# aux, NUL.txt, COM1, Foo/foo/FOO, %2e%2e, bidi and zero-width characters, 5,000-character names
# differing in their last letter): every page inside the site, one per operation, tag and
# schema, none lost to a collision, none a Windows device name. (Whether anything of theirs
# runs in a browser: tests/browser/hostile.mjs.)
mkdir -p "$WORK/names-run"
check "hostile names: build finishes, exit 0" finishes build-names 0 build "$ROOT/tests/hostile/names.json" -o "$WORK/names-run/site" -q
check "hostile names: nothing written beside the site" test "$(ls -A "$WORK/names-run")" = site
check "hostile names: no symbolic link, every file below the site" \
  bash -c "[ -z \"\$(find '$WORK/names-run/site' -type l)\" ] && find '$WORK/names-run/site' -type f -print0 | xargs -0 realpath | grep -v '^$WORK/names-run/site/' | wc -l | grep -qx 0"
check "hostile names: a page for each of the 24 operations" \
  bash -c "test \$(ls '$WORK/names-run/site/names/operations/' | grep -c '\.html\$') -eq 24"
check "hostile names: a page for each of the 10 tags" bash -c "test \$(ls '$WORK/names-run/site/names/tags/' | grep -c '\.html\$') -eq 10"
check "hostile names: a page for each of the 6 schemas" \
  bash -c "test \$(ls '$WORK/names-run/site/names/schemas/' | grep -v '^index.html' | grep -c '\.html\$') -eq 6"
check "hostile names: no two paths that differ only in case" \
  bash -c "[ -z \"\$(cd '$WORK/names-run/site' && find . | tr A-Z a-z | sort | uniq -d)\" ]"
check "hostile names: no Windows device name (CON, aux, NUL.txt, COM1, ...)" \
  bash -c "! find '$WORK/names-run/site' -print | sed 's#.*/##' | grep -iqE '^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?\$'"
check "hostile names: no file name over 255 bytes" bash -c "! find '$WORK/names-run/site' -print | sed 's#.*/##' | grep -qE '.{256}'"

summary "cli-hostile"
