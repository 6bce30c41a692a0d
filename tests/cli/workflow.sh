#!/usr/bin/env bash
# The GitHub Actions workflow of the README (docs/github-workflow.yml), parsed and its steps'
# commands run as a runner would, in a repository made for it: a main branch (as origin) with
# the embedded example in schemas/, and a pull request's checkout (fetch-depth 0) that loosens
# a shared schema. The install step is the one not run (it downloads the release): the apiref
# under test is put on PATH in its place. What must hold: every step's command runs with the
# flags it is given; check passes; diff fails the pull request on its breaking change, with
# GitHub annotations and the markdown summary, and passes when nothing changed; build makes the
# reference with its "What changed" page on a pull request and without one on main.
# Usage: workflow.sh path/to/apiref. Prints `N passed, M failed` last.
set -uo pipefail
APIREF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG_LINES=30
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
WORKFLOW="$ROOT/docs/github-workflow.yml"
mkdir "$WORK/bin" && ln -s "$APIREF" "$WORK/bin/apiref"

# The steps as JSON lines: name, run, env (the workflow's and the step's), if.
python3 - "$WORKFLOW" >"$WORK/steps.json" <<'PY' || { echo "FAIL: the workflow does not parse"; exit 1; }
import json, sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
job = w['jobs']['api']
assert job['runs-on'].startswith('ubuntu')
checkout = job['steps'][0]
assert checkout['uses'].startswith('actions/checkout@') and checkout['with']['fetch-depth'] == 0, checkout
for s in job['steps']:
    if 'run' in s:
        env = dict(w.get('env', {}))
        env.update(s.get('env', {}))
        print(json.dumps({'name': s['name'], 'run': s['run'], 'env': env, 'if': s.get('if', '')}))
PY
check "the workflow parses: a checkout with fetch-depth 0, then its steps" test -s "$WORK/steps.json"
check "the README holds the same workflow" python3 - "$ROOT/README.md" "$WORKFLOW" <<'PY'
import sys
readme, wf = open(sys.argv[1]).read(), open(sys.argv[2]).read()
body = wf[wf.index('name: API reference'):]
assert body in readme, 'the README\'s workflow differs from docs/github-workflow.yml'
PY

# run_steps EVENT BASE_REF: every step but the install, as the runner runs them (bash -e), in
# the current folder; each step's exit code in $WORK/<event>.codes ("name<TAB>code").
run_steps() {
  local event=$1 base=$2
  : >"$WORK/$event.codes"
  # Each step a script: its environment exported, then its `run` as written.
  python3 - "$WORK/steps.json" "$event" "$base" "$WORK" <<'PY' >"$WORK/$event.steps"
import json, shlex, sys
steps, event, base, work = sys.argv[1:5]
for n, line in enumerate(open(steps)):
    s = json.loads(line)
    if s['name'].startswith('Install'): continue
    if s['if'] == "github.event_name == 'pull_request'" and event != 'pull_request': continue
    env = {k: (base if v == '${{ github.base_ref }}' else str(v)) for k, v in s['env'].items()}
    assert '${{' not in ''.join(env.values()) + s['run'], s
    path = f'{work}/{event}.{n}.sh'
    with open(path, 'w') as f:
        f.write(''.join(f'export {k}={shlex.quote(v)}\n' for k, v in env.items()) + s['run'])
    print(s['name'] + '\t' + path)
PY
  while IFS=$'\t' read -r name script; do
    PATH="$WORK/bin:$PATH" GITHUB_STEP_SUMMARY="$WORK/$event.summary.md" \
      bash -e "$script" >"$WORK/$event.$(echo "$name" | tr -c 'a-zA-Z0-9\n' _).out" 2>&1
    printf '%s\t%s\n' "$name" "$?" >>"$WORK/$event.codes"
  done <"$WORK/$event.steps"
}
code_of() { awk -F'\t' -v n="$2" '$1 == n { print $2 }' "$WORK/$1.codes"; }

# origin: main with the example; the pull request's checkout: a clone, fetched in full.
mkdir "$WORK/origin" && cp -r "$ROOT/schemas" "$WORK/origin/schemas"
(cd "$WORK/origin" && git init -q -b main . && git -c user.email=t@e -c user.name=t add -A &&
  git -c user.email=t@e -c user.name=t commit -qm main)
git clone -q "$WORK/origin" "$WORK/pr" && cd "$WORK/pr" && git checkout -q -b loosen
sed -i '0,/^  - serial_number$/{/^  - serial_number$/d}' schemas/constructs/v1beta1/device/device.yaml
git -c user.email=t@e -c user.name=t commit -qam "serial_number optional"

run_steps pull_request main
check "pull request: check passes" test "$(code_of pull_request 'Check the descriptions')" = 0
check "pull request: diff fails on the breaking change" test "$(code_of pull_request 'Breaking changes since the base branch')" = 1
check "pull request: the change as a GitHub annotation" \
  grep -q '^::error file=.*response-property-made-optional' "$WORK/pull_request.Breaking_changes_since_the_base_branch.out"
check "pull request: the markdown summary on the run's page and in apiref-diff.md" bash -c "
  grep -q '^## apiref diff' '$WORK/pull_request.summary.md' && grep -q '^## apiref diff' apiref-diff.md"
check "pull request: the check's SARIF" python3 -c "import json; json.load(open('apiref-check.sarif'))"
check "pull request: build makes the reference with What changed pages" bash -c "
  test \"\$(awk -F'\t' '\$1 == \"Build the reference\" { print \$2 }' '$WORK/pull_request.codes')\" = 0 &&
  grep -q 'response-property-made-optional' _site/public/changes.html && grep -q 'change-badge' _site/public/operations/listDevices.html"

# On main (a push): no diff step, a plain build.
cd "$WORK/origin" && run_steps push ""
check "push to main: check passes, no diff step" bash -c "
  test \"\$(awk -F'\t' '\$1 == \"Check the descriptions\" { print \$2 }' '$WORK/push.codes')\" = 0 &&
  ! grep -q '^Breaking' '$WORK/push.codes'"
check "push to main: the reference without a What changed page" bash -c "
  test -f _site/index.html && test -z \"\$(ls _site/*/changes.html 2>/dev/null)\""
# A pull request that changes nothing breaking: the diff step passes.
cd "$WORK" && git clone -q "$WORK/origin" same && cd same && git checkout -q -b nothing && run_steps pull_request main
check "pull request without changes: diff passes" test "$(code_of pull_request 'Breaking changes since the base branch')" = 0
summary
