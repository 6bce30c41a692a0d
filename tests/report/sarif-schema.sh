#!/usr/bin/env bash
# The SARIF that apiref writes, validated against the official SARIF 2.1.0 JSON schema with Ajv.
# Usage: tests/report/sarif-schema.sh path/to/apiref_tests [path/to/apiref]
#
# 1. the report unit test writes its hand-built hostile SARIF (APIREF_REPORT_OUT);
# 2. with apiref given, `apiref check --format sarif=...` on the Meshery project, GitHub's
#    description, the embedded example (schemas/) and the hostile fixtures;
# 3. every file must validate; two broken copies (no version, an unknown level) must NOT, which
#    shows the validator really checks.
# Setup on first run: npm ci of tests/report (ajv, pinned) and fetch-sarif-schema.sh (the schema
# from a pinned npm tarball, checksummed). Prints `N passed, M failed` last.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CORPUS="$ROOT/../shared/corpus"

fail_setup() {
  echo "FAIL: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}
[ $# -ge 1 ] || { echo "usage: $0 apiref_tests [apiref]" >&2; exit 2; }
TESTS=$(realpath "$1")
APIREF=${2:+$(realpath "$2")}
command -v node >/dev/null || fail_setup "node is not installed"

STAMP="$HERE/node_modules/.package-lock.json"
if [ ! -d "$HERE/node_modules/ajv" ] || [ ! -f "$STAMP" ] || [ "$HERE/package-lock.json" -nt "$STAMP" ]; then
  echo "installing tests/report/node_modules" >&2
  npm ci --prefix "$HERE" --ignore-scripts --no-audit --no-fund >&2 || fail_setup "npm ci failed"
fi
bash "$HERE/fetch-sarif-schema.sh" || fail_setup "could not get the SARIF schema"
SCHEMA="$HERE/.cache/sarif-schema-2.1.0.json"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
step() {  # step NAME COMMAND...: counts a pass or a failure
  local name=$1
  shift
  if "$@" >"$WORK/step.log" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    tail -n 30 "$WORK/step.log"
  fi
}

step "unit test writes its SARIF" env APIREF_REPORT_OUT="$WORK" "$TESTS" -tc="report: SARIF*"
files=("$WORK"/*.sarif)

if [ -n "$APIREF" ]; then
  check_sarif() {  # check_sarif NAME DIR ARGS...: exit 0 or 1 is fine (findings), 2 is not
    local name=$1 dir=$2
    shift 2
    (cd "$dir" && "$APIREF" check "$@" --format "sarif=$WORK/$name.sarif" -q >/dev/null 2>"$WORK/$name.err")
    local rc=$?
    [ $rc -le 1 ] && [ -s "$WORK/$name.sarif" ] || { echo "exit $rc"; cat "$WORK/$name.err"; return 1; }
  }
  step "apiref check: Meshery project" check_sarif meshery "$ROOT/examples/meshery"
  step "apiref check: the example (schemas/)" check_sarif schemas "$ROOT/schemas"
  step "apiref check: GitHub's description" check_sarif github "$WORK" "$CORPUS/github/api.github.com.json"
  for fixture in "$ROOT"/tests/fixtures/check-hostile/*.yaml; do
    [ -f "$fixture" ] || continue
    n=$(basename "$fixture" .yaml)
    step "apiref check: $n" check_sarif "hostile-$n" "$(dirname "$fixture")" "$(basename "$fixture")"
  done
  files=("$WORK"/*.sarif)
fi

# Negative controls, made from the hostile SARIF: they must fail validation.
if [ -f "$WORK/hostile.sarif" ]; then
  node -e '
    const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1]));
    const a = structuredClone(d); delete a.version; fs.writeFileSync(process.argv[2], JSON.stringify(a));
    const b = structuredClone(d); b.runs[0].results[0].level = "fatal"; fs.writeFileSync(process.argv[3], JSON.stringify(b));
  ' "$WORK/hostile.sarif" "$WORK/broken-version.json" "$WORK/broken-level.json"
fi
step "SARIF files valid against sarif-schema-2.1.0.json (${#files[@]} files, 2 negative controls)" \
  node "$HERE/validate-sarif.mjs" "$SCHEMA" "${files[@]}" "!$WORK/broken-version.json" "!$WORK/broken-level.json"
cat "$WORK/step.log"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
