#!/usr/bin/env bash
# End-to-end test of the request snippets: every snippet apiref writes is sent to Stoplight
# Prism mocking the very description it was written from, and Prism validates the request
# (route, path, query, headers, credentials, body) against that description.
#
#   tests/prism/run.sh path/to/apiref          # GitHub: the first 200 operations
#   tests/prism/run.sh path/to/apiref full     # GitHub: all of them
#
# Targets: Meshery's bundles `meshery` and `cloud` (examples/meshery), the embedded example's
# bundles `public` and `internal` (schemas/), and GitHub's description
# (../shared/corpus/github/api.github.com.json). Languages: curl; Python when python3 can
# import requests; JavaScript with node >= 18 (fetch). Prints per target and language the
# operations, passes, failures (with Prism's reason for the first 20) and the operations Prism
# could not mock, then `N passed, M failed` last. Exits 1 when any snippet failed.
# KEEP=1 keeps the working folder (bundles, snippets, Prism's logs, every result);
# JOBS (default 4) snippets run at once; SHOW (default 20) failures are explained per language.
set -uo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# -eq 2 ] && [ "$2" != full ]; }; then
  echo "usage: $0 path/to/apiref [full]" >&2
  exit 2
fi
APIREF=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GITHUB_SPEC="$ROOT/../shared/corpus/github/api.github.com.json"
GITHUB_LIMIT=200
[ "${2:-}" = full ] && GITHUB_LIMIT=0
JOBS=${JOBS:-4}
SHOW=${SHOW:-20}
STARTED=$(date +%s)

fail_setup() {  # a problem before the snippets ran still ends with the closing line
  echo "FAIL: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[ -x "$APIREF" ] || fail_setup "no apiref binary at $APIREF"
command -v node >/dev/null || fail_setup "node is not installed"
command -v npm >/dev/null || fail_setup "npm is not installed"
command -v curl >/dev/null || fail_setup "curl is not installed"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 20) ? 0 : 1)' ||
  fail_setup "node $(node --version) is too old: Prism 5.14.2 needs node >= 18.20.1 (and fetch)"

# --- Prism, pinned in package-lock.json: npm ci when node_modules is missing or stale ----------
# No package in the lock file has an install script (no "hasInstallScript"), so
# --ignore-scripts loses nothing; Prism downloads nothing at run time.
LOCK="$HERE/package-lock.json"
STAMP="$HERE/node_modules/.package-lock.json"   # npm writes this on every install
PRISM="$HERE/node_modules/@stoplight/prism-cli/dist/index.js"
if [ ! -f "$PRISM" ] || [ ! -f "$STAMP" ] || [ "$LOCK" -nt "$STAMP" ] || [ "$HERE/package.json" -nt "$STAMP" ]; then
  echo "installing @stoplight/prism-cli into tests/prism/node_modules"
  npm ci --prefix "$HERE" --ignore-scripts --no-audit --no-fund >&2 || fail_setup "npm ci failed"
fi
[ -f "$PRISM" ] || fail_setup "npm ci did not install $PRISM"

LANGUAGES=curl
PYTHON_NOTE=
if command -v python3 >/dev/null && python3 -c 'import requests' 2>/dev/null; then
  LANGUAGES+=,python
  # python3's own interpreter: a version manager's shim (pyenv) would double the start-up time.
  PYTHON=$(python3 -c 'import sys; print(sys.executable)')
  export PYTHON
else
  PYTHON_NOTE="python: skipped: no requests module"
fi
LANGUAGES+=,javascript   # node >= 18, checked above, has fetch

# Prism and the snippets run in a network namespace of their own when the machine allows it
# (root, or unprivileged user namespaces): only loopback exists there, so nothing a snippet or a
# redirect does can leave the machine. Otherwise the guards in check.mjs keep requests on 127.0.0.1.
NETNS=
if command -v unshare >/dev/null && command -v ip >/dev/null; then
  if unshare -n ip link set lo up 2>/dev/null; then NETNS=(unshare -n)
  elif unshare -rn ip link set lo up 2>/dev/null; then NETNS=(unshare -rn)
  fi
fi
if [ -n "$NETNS" ]; then
  echo "network: Prism and the snippets run in their own network namespace (${NETNS[*]}: loopback only)"
else
  echo "network: no namespace of its own (unshare -n not permitted); the guards keep requests on 127.0.0.1"
fi

WORK=$(mktemp -d)
CHECK_PID=
cleanup() {
  if [ -n "$CHECK_PID" ]; then kill "$CHECK_PID" 2>/dev/null; wait "$CHECK_PID" 2>/dev/null; fi
  # check.mjs stops its Prism when it exits; should it have been killed outright, stop the
  # Prism it started (by the PID it wrote, and only if that process is still Prism).
  local f pid
  for f in "$WORK"/*.prism.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if grep -q prism-cli "/proc/$pid/cmdline" 2>/dev/null; then kill "$pid" 2>/dev/null; fi
  done
  if [ "${KEEP:-}" = 1 ]; then echo "working folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

SETUP_FAILURES=0

# run_target ID LABEL INPUT BUNDLE LIMIT: bundle, write the snippets, run them against Prism.
run_target() {
  local id=$1 label=$2 input=$3 bundle=$4 limit=$5
  local t0 bundle_args=() port lang
  # PRISM_TARGETS="meshery-meshery schemas-public": only these (to rerun what failed).
  if [ -n "${PRISM_TARGETS:-}" ] && [[ " $PRISM_TARGETS " != *" $id "* ]]; then return; fi
  t0=$(date +%s)
  [ -n "$bundle" ] && bundle_args=(--bundle "$bundle")
  echo "== $label"
  if ! "$APIREF" bundle -q "$input" "${bundle_args[@]}" -o "$WORK/$id.json" >"$WORK/$id.bundle.log" 2>&1; then
    sed 's/^/    /' "$WORK/$id.bundle.log" | tail -n 20
    echo "  FAIL: apiref bundle failed"
    SETUP_FAILURES=$((SETUP_FAILURES + 1))
    return
  fi
  port=$(free_port)
  for lang in ${LANGUAGES//,/ }; do
    if ! "$APIREF" snippets "$input" "${bundle_args[@]}" --language "$lang" \
         --server "http://127.0.0.1:$port" --description-auth \
         >"$WORK/$id.$lang.all.jsonl" 2>"$WORK/$id.$lang.log"; then
      sed 's/^/    /' "$WORK/$id.$lang.log" | tail -n 20
      echo "  FAIL: apiref snippets --language $lang failed"
      SETUP_FAILURES=$((SETUP_FAILURES + 1))
      return
    fi
    if [ "$limit" -gt 0 ]; then
      head -n "$limit" "$WORK/$id.$lang.all.jsonl" >"$WORK/$id.$lang.jsonl"
    else
      cp "$WORK/$id.$lang.all.jsonl" "$WORK/$id.$lang.jsonl"
    fi
  done
  local check=(node "$HERE/check.mjs" --target "$id" --doc "$WORK/$id.json" --port "$port"
    --snippets-prefix "$WORK/$id" --languages "$LANGUAGES" --workdir "$WORK"
    --out "$WORK/result.$id.json" --jobs "$JOBS" --show "$SHOW")
  if [ -n "$NETNS" ]; then
    # unshare and sh exec: $! is check.mjs's node, which the trap can stop.
    "${NETNS[@]}" sh -c 'ip link set lo up && exec "$@"' sh "${check[@]}" &
  else
    "${check[@]}" &
  fi
  CHECK_PID=$!
  wait "$CHECK_PID" || SETUP_FAILURES=$((SETUP_FAILURES + 1))
  CHECK_PID=
  [ -n "$PYTHON_NOTE" ] && echo "  $PYTHON_NOTE"
  echo "  ($(($(date +%s) - t0)) s)"
}

run_target meshery-meshery "Meshery, bundle meshery" "$ROOT/examples/meshery" meshery 0
run_target meshery-cloud "Meshery, bundle cloud" "$ROOT/examples/meshery" cloud 0
run_target schemas-public "embedded example (schemas/), bundle public" "$ROOT/schemas" public 0
run_target schemas-internal "embedded example (schemas/), bundle internal" "$ROOT/schemas" internal 0
if [ -n "${PRISM_TARGETS:-}" ] && [[ " $PRISM_TARGETS " != *" github "* ]]; then
  :
elif [ -f "$GITHUB_SPEC" ]; then
  if [ "$GITHUB_LIMIT" -gt 0 ]; then gh="GitHub, the first $GITHUB_LIMIT operations"; else gh="GitHub, every operation"; fi
  run_target github "$gh" "$GITHUB_SPEC" "" "$GITHUB_LIMIT"
else
  echo "== GitHub"
  echo "  FAIL: no GitHub description at $GITHUB_SPEC"
  SETUP_FAILURES=$((SETUP_FAILURES + 1))
fi

# --- totals --------------------------------------------------------------------------------------
echo "== totals, $(($(date +%s) - STARTED)) s"
TOTALS=$(node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1];
  let passed = 0, failed = 0;
  const byLanguage = {};
  for (const name of fs.readdirSync(dir).filter((n) => /^result\..*\.json$/.test(n)).sort()) {
    for (const r of JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")).languages) {
      passed += r.passed;
      failed += r.failed;
      const t = (byLanguage[r.language] ||= { operations: 0, passed: 0, failed: 0, mock: 0 });
      for (const k of Object.keys(t)) t[k] += r[k];
    }
  }
  for (const [l, t] of Object.entries(byLanguage))
    console.log(`  ${l}: ${t.operations} operations, ${t.passed} passed, ${t.failed} failed, ${t.mock} mock could not answer`);
  console.log(passed, failed);
' "$WORK")
echo "$TOTALS" | sed '$d'
[ -n "$PYTHON_NOTE" ] && echo "  $PYTHON_NOTE"
read -r PASSED FAILED <<<"$(echo "$TOTALS" | tail -n 1)"
FAILED=$((${FAILED:-0} + SETUP_FAILURES))
echo "${PASSED:-0} passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
