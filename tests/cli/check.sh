#!/usr/bin/env bash
# `apiref check` driven as a user and CI would: exit codes 0/1/2, several formats at once (each
# parsed back), the GitHub step summary, the baseline (update, suppress, stale, strict), `apiref
# build` rendering a description that fails the spec profile and printing the findings once
# (refusing it with --strict, leaving the previous site alone), and the real trees: the Meshery project and the embedded example (schemas/).
# Usage: check.sh path/to/apiref. Prints `N passed, M failed` last.
set -uo pipefail
APIREF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG_LINES=30
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
cd "$WORK"

# --- inputs ---------------------------------------------------------------------------------
cat >clean.yaml <<'YAML'
openapi: 3.0.3
info: {title: Clean, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      summary: List pets
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: {type: array, items: {type: string}}
        "400": {description: bad request}
YAML
# Two operations with one operationId: a spec error at a known place.
cat >dup.yaml <<'YAML'
openapi: 3.0.3
info: {title: Dup, version: "1"}
paths:
  /a:
    get:
      operationId: same
      summary: A
      responses: {"200": {description: ok}, "400": {description: bad}}
  /b:
    get:
      operationId: same
      summary: B
      responses: {"200": {description: ok}, "400": {description: bad}}
YAML
printf 'openapi: 3.0.3\ninfo: {title: Broken, version: "1"\npaths: {}\n' >broken.yaml        # YAML error
cat >badref.yaml <<'YAML'
openapi: 3.0.3
info: {title: Ref, version: "1"}
paths:
  /x:
    get:
      summary: X
      responses:
        "200": {$ref: "#/components/responses/Missing"}
YAML

# --- exit codes -----------------------------------------------------------------------------
check "clean file: exit 0" status 0 "$APIREF" check clean.yaml
check "clean file: says so" bash -c "'$APIREF' check clean.yaml | grep -q '^no findings (1 file checked)$'"
check "duplicate operationId: exit 1" status 1 "$APIREF" check dup.yaml
check "stylish line: file:line:col severity rule message" \
  bash -c "'$APIREF' check dup.yaml | grep -Eq '^dup\.yaml:11:20 error operation-operationId-unique .+'"
check "stylish summary line" bash -c "'$APIREF' check dup.yaml | grep -Eq '^[0-9]+ findings? \([0-9]+ errors?, .*at or above --fail-on error$'"
check "YAML error inside the inputs is a finding: exit 1" status 1 "$APIREF" check broken.yaml
check "YAML error names file:line:col" bash -c "'$APIREF' check broken.yaml | grep -Eq '^broken\.yaml:[0-9]+:[0-9]+ error yaml-syntax '"
check "broken \$ref is a finding: exit 1" status 1 "$APIREF" check badref.yaml
check "broken \$ref names its rule" bash -c "'$APIREF' check badref.yaml | grep -Eq '^badref\.yaml:8:23 error ref-not-found '"
check "--fail-on none: exit 0 despite errors" status 0 "$APIREF" check dup.yaml --fail-on none
check "warnings only pass by default, fail with --fail-on warning" \
  bash -c "'$APIREF' check badref.yaml --profile spec >/dev/null; test \$? -eq 1 && '$APIREF' check clean.yaml --profile strict --fail-on hint >/dev/null; test \$? -eq 1"
check "-q prints nothing for a clean file" bash -c "test -z \"\$('$APIREF' check clean.yaml -q)\""
check "no such input: exit 2" status 2 "$APIREF" check no-such.yaml
check "unknown format: exit 2" status 2 "$APIREF" check clean.yaml --format xml
check "unknown profile: exit 2" status 2 "$APIREF" check clean.yaml --profile lax
check "bad --fail-on: exit 2" status 2 "$APIREF" check clean.yaml --fail-on fatal
check "two formats on stdout: exit 2" status 2 "$APIREF" check clean.yaml --format json --format sarif
printf 'check: {profile: [\n' >bad-config.yaml
check "unreadable config: exit 2" status 2 "$APIREF" check clean.yaml --config bad-config.yaml
check "folder without apiref.yaml: exit 2" status 2 "$APIREF" check "$WORK"
check "--update-baseline without --baseline: exit 2" status 2 "$APIREF" check dup.yaml --update-baseline
echo '{"entries": "x"}' >bad-baseline.json
check "malformed baseline: exit 2" status 2 "$APIREF" check dup.yaml --baseline bad-baseline.json
check "missing baseline: exit 2" status 2 "$APIREF" check dup.yaml --baseline none.json

# --- several formats at once, each to its own file ------------------------------------------
check "seven formats in one run (stylish on stdout): exit 1" status 1 env GITHUB_STEP_SUMMARY="$WORK/summary.md" \
  "$APIREF" check dup.yaml badref.yaml broken.yaml --format stylish --format json=out/r.json --format sarif=out/r.sarif \
  --format github=out/gh.txt --format junit=out/r.xml --format gitlab=out/gl.json --format markdown=out/r.md
check "json: one document, findings with rule/file/pointer/lines/fingerprint" python3 -c "
import json; d = json.load(open('out/r.json'))
f = d['findings']; assert len(f) >= 4, f
assert all(x['rule'] and x['file'] and x['start']['line'] > 0 and len(x['fingerprint']) == 16 for x in f), f
assert {x['file'] for x in f} == {'dup.yaml', 'badref.yaml', 'broken.yaml'}, f
assert d['counts']['total'] == len(f) and d['counts']['failing'] >= 3
"
check "sarif: 2.1.0, a result per finding with region and fingerprint" python3 -c "
import json; s = json.load(open('out/r.sarif')); d = json.load(open('out/r.json'))
r = s['runs'][0]['results']; assert s['version'] == '2.1.0' and len(r) == len(d['findings'])
assert all(x['locations'][0]['physicalLocation']['region']['startLine'] > 0 for x in r)
assert all(x['partialFingerprints']['apirefFingerprint/v1'] for x in r)
ids = {x['id'] for x in s['runs'][0]['tool']['driver']['rules']}; assert {x['ruleId'] for x in r} <= ids
"
check "github: one ::error line per error finding" bash -c "
  test \$(grep -c '^::error file=dup.yaml,line=11,col=20,endLine=[0-9]*,endColumn=[0-9]*,title=operation-operationId-unique::' out/gh.txt) -eq 1 &&
  test \$(grep -c '^::' out/gh.txt) -eq \$(python3 -c \"import json; print(len(json.load(open('out/r.json'))['findings']))\")"
check "github: step summary appended to \$GITHUB_STEP_SUMMARY" bash -c "grep -q '^## apiref check' summary.md && grep -q 'operation\\\\-operationId\\\\-unique' summary.md"
check "junit: valid XML, a failing testcase per rule and file" python3 -c "
import xml.etree.ElementTree as E; r = E.parse('out/r.xml').getroot()
assert r.tag == 'testsuites' and int(r.get('failures')) >= 3
names = {s.get('name') for s in r.findall('testsuite')}; assert {'dup.yaml', 'badref.yaml', 'broken.yaml'} <= names, names
"
check "gitlab: code quality array with unique fingerprints" python3 -c "
import json; g = json.load(open('out/gl.json'))
assert len(g) >= 4 and len({x['fingerprint'] for x in g}) == len(g)
assert all(x['location']['path'] and x['location']['lines']['begin'] > 0 and x['severity'] in ('info','minor','major','critical','blocker') for x in g)
"
check "markdown: a table per file" bash -c "grep -q '^## dup\\\\.yaml' out/r.md && grep -q '^| line:col | severity | rule | message | pointer |' out/r.md"
check "format to '-' is standard output" bash -c "'$APIREF' check dup.yaml --format json=- | python3 -c 'import json,sys; json.load(sys.stdin)'"

# Hostile text (control characters, \r\n, '::warning::' inside an operationId, HTML): one
# annotation line per finding, nothing injected; every structured format still parses.
H="$ROOT/tests/fixtures/check-hostile/hostile.yaml"
check "hostile: exit 1, every format parses" bash -c "
  '$APIREF' check '$H' --format github=h.gh --format json=h.json --format junit=h.xml --format gitlab=h.gl --format stylish=h.txt; test \$? -eq 1 &&
  python3 -c \"import json, xml.etree.ElementTree as E; json.load(open('h.json')); json.load(open('h.gl')); E.parse('h.xml')\""
check "hostile: one annotation line per finding, no injected command" python3 -c "
import json
n = len(json.load(open('h.json'))['findings'])
lines = open('h.gh', encoding='utf-8').read().split('\\n')[:-1]
assert n > 5 and len(lines) == n and all(l.startswith(('::error ', '::warning ', '::notice ')) for l in lines), (n, lines)
assert all('\\r' not in l for l in lines)
"
check "hostile: stylish has no raw control characters" bash -c "! LC_ALL=C grep -q \$'[\\x01-\\x08\\x0b-\\x1f\\x7f]' h.txt"

# --- baseline -------------------------------------------------------------------------------
cp dup.yaml proj.yaml
check "update-baseline: writes the file, exit 0" status 0 "$APIREF" check proj.yaml --baseline base.json --update-baseline
check "baseline: sorted entries of rule/file/pointer/fingerprint" python3 -c "
import json; b = json.load(open('base.json'))['entries']
assert b and all(set(e) == {'rule', 'file', 'pointer', 'fingerprint'} for e in b), b
assert b == sorted(b, key=lambda e: (e['file'], e['pointer'], e['rule'], e['fingerprint']))
"
cp base.json base1.json
check "update-baseline twice: byte-identical" bash -c "'$APIREF' check proj.yaml --baseline base.json --update-baseline && cmp base.json base1.json"
check "baseline suppresses: exit 0" status 0 "$APIREF" check proj.yaml --baseline base.json
n=$(python3 -c "import json; print(len(json.load(open('base.json'))['entries']))")
check "baseline: suppressed count in the summary" bash -c "'$APIREF' check proj.yaml --baseline base.json | grep -qx '$n findings\? suppressed by baseline'"
# Fix the duplicate: its entries go stale; then a new problem appears.
sed -i 's/operationId: same$/operationId: other/;' proj.yaml
sed -i '0,/operationId: other/s//operationId: first/' proj.yaml
check "fixed finding: stale entries reported, exit 0" bash -c "'$APIREF' check proj.yaml --baseline base.json >o.txt; test \$? -eq 0 && grep -q 'stale baseline entr' o.txt && grep -q 'proj.yaml #/paths/~1' o.txt"
check "--baseline-strict: stale entries fail (exit 1)" status 1 "$APIREF" check proj.yaml --baseline base.json --baseline-strict
cat >>proj.yaml <<'YAML'
  /c:
    get:
      operationId: first
      summary: C
      responses: {"200": {description: ok}, "400": {description: bad}}
YAML
check "a new finding is not suppressed: exit 1" status 1 "$APIREF" check proj.yaml --baseline base.json
check "stale in json output too" python3 -c "
import json, subprocess
out = subprocess.run(['$APIREF', 'check', 'proj.yaml', '--baseline', 'base.json', '--format', 'json'], capture_output=True, text=True).stdout
d = json.loads(out); assert d['baseline']['stale'] and d['counts']['failing'] >= 1, d['baseline']
"

# --- build renders what it reads; --strict (or build.strict) refuses spec errors -------------
check "build of a clean description" "$APIREF" build clean.yaml -q -o site
cp -a site site.before
check "build of a spec-failing description renders it: exit 0" bash -c "'$APIREF' build dup.yaml -o site-dup 2>build.err && test -s site-dup/index.html"
check "build: the findings are the lines of apiref check --profile spec, each once" bash -c "
  '$APIREF' check dup.yaml --profile spec >check.out; grep -E '^dup\.yaml:[0-9]+:[0-9]+ ' check.out >want.txt
  test -s want.txt && grep -F -x -f want.txt build.err | cmp - want.txt &&
  test \$(grep -cE '^dup\.yaml:[0-9]+:[0-9]+ ' build.err) -eq \$(wc -l <want.txt)"
check "build: a summary by rule and that it built anyway" bash -c "grep -q '^by rule: operation-operationId-unique ' build.err && grep -q 'built anyway (--strict refuses input with errors)' build.err"
check "build --strict of a spec-failing description: exit 1" bash -c "'$APIREF' build dup.yaml --strict -o site 2>strict.err; test \$? -eq 1"
check "build --strict: previous output left intact" diff -r site site.before
check "build --strict: no temporary folder left behind" bash -c "test \$(ls -a | grep -c '^site') -eq 3"
check "build --strict: says why and that the output is unchanged" grep -q 'with errors (strict); site is unchanged' strict.err
check "build -q: only the errors and the summary line" bash -c "'$APIREF' build dup.yaml -q -o site-q 2>q.err; ! grep -q '^by rule' q.err && ! grep -Eq ' (warning|info|hint) ' q.err && grep -q 'findings\? in the input' q.err"
mkdir -p strictproj
cp dup.yaml strictproj/openapi.yaml
printf 'description: openapi.yaml\nbuild: {strict: true}\n' >strictproj/apiref.yaml
check "apiref.yaml build.strict refuses like --strict" bash -c "'$APIREF' build strictproj -o sp 2>/dev/null; test \$? -eq 1 && ! test -e sp"
# The project's check: severities hold in a build: a rule the project turns down is shown at
# that severity, one the project turns off is not shown; rules outside the spec profile stay off.
mkdir -p sevproj
cat >sevproj/openapi.yaml <<'YAML'
openapi: 3.0.3
info: {title: Severities, version: "1"}
paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        200: {description: ok}
YAML
cat >sevproj/apiref.yaml <<'YAML'
check:
  rules:
    yaml-non-string-key: warning
  naming: {operationId: camelCase}
YAML
check "build: the project's severities apply (yaml-non-string-key: warning), style rules stay off" bash -c "
  '$APIREF' build sevproj -o sevsite 2>sev.err &&
  grep -Eq '^sevproj/openapi\.yaml:8:9 warning yaml-non-string-key ' sev.err && ! grep -q 'naming-convention' sev.err &&
  '$APIREF' build sevproj --strict -o sevsite 2>/dev/null"
# A single file: the gate checks the build's own parse when the bundle is the file unchanged
# (GitHub's description), and reads the file itself when the bundle is not (an external $ref).
# Either way it prints what `apiref check --profile spec` prints.
cat >ext-main.yaml <<'YAML'
openapi: 3.0.3
info: {title: External ref, version: '1'}
paths:
  /a/{x}:
    get:
      parameters: [{name: x, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: 'ext-other.yaml#/Thing'}}}
  /a/{y}:
    get:
      parameters: [{name: y, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
YAML
printf 'Thing: {type: object}\n' >ext-other.yaml
GH_SPEC="$ROOT/../shared/corpus/github/api.github.com.json"
for input in ext-main.yaml "$GH_SPEC"; do
  check "build of $(basename "$input"): the lines of apiref check --profile spec; --strict exits 1" bash -c "
    '$APIREF' check '$input' --profile spec >gate.want.all 2>&1; grep -E ':[0-9]+:[0-9]+ ' gate.want.all >gate.want
    '$APIREF' build '$input' -o gate-site >/dev/null 2>gate.err || exit 1
    test -s gate.want && grep -F -x -f gate.want gate.err | cmp - gate.want && test -s gate-site/index.html &&
    '$APIREF' build '$input' --strict -o gate-strict >/dev/null 2>&1; test \$? -eq 1 && ! test -e gate-strict"
done
check "build: a file that is not YAML is refused, previous output intact" bash -c "'$APIREF' build broken.yaml -o site 2>b2.err; test \$? -eq 1 && grep -Eq '^broken\.yaml:[0-9]+:[0-9]+ error yaml-syntax ' b2.err && diff -r site site.before"

# --- the real trees ----------------------------------------------------------------------------
# Bundling never adds a spec error: every rule the spec profile reports on a bundle, it reports
# on the bundle's inputs too (the bundle copies what is there; it must not make duplicate tags,
# clashing names or dangling references of its own).
bundle_adds_nothing() {  # bundle_adds_nothing NAME INPUT
  local name=$1 input=$2
  "$APIREF" check "$input" --profile spec --format json="$WORK/$name.in.json" -q >/dev/null
  "$APIREF" bundle "$input" -q -o "$WORK/$name.bundles" 2>/dev/null || return 1
  for f in "$WORK/$name".bundles/*; do
    "$APIREF" check "$f" --profile spec --format json="$f.check.json" -q >/dev/null
  done
  python3 - "$WORK/$name.in.json" "$WORK/$name".bundles/*.check.json <<'PY'
import json, sys
inputs = {f["rule"] for f in json.load(open(sys.argv[1]))["findings"]}
bad = []
for path in sys.argv[2:]:
    for f in json.load(open(path))["findings"]:
        if f["rule"] not in inputs:
            bad.append((path, f["rule"], f["message"]))
assert not bad, bad[:5]
PY
}
check "bundling adds no spec finding: Meshery" bundle_adds_nothing meshery "$ROOT/examples/meshery"
check "bundling adds no spec finding: schemas/" bundle_adds_nothing example "$ROOT/schemas"
mkdir -p "$WORK/ghb"
check "bundling adds no spec finding: GitHub" bash -c "
  '$APIREF' bundle '$ROOT/../shared/corpus/github/api.github.com.json' -q -o '$WORK/ghb/gh.json' &&
  '$APIREF' check '$WORK/ghb/gh.json' --profile spec --format json='$WORK/ghb/out.json' -q >/dev/null;
  '$APIREF' check '$ROOT/../shared/corpus/github/api.github.com.json' --profile spec --format json='$WORK/ghb/in.json' -q >/dev/null;
  python3 -c \"
import json, collections
i = collections.Counter(f['rule'] for f in json.load(open('$WORK/ghb/in.json'))['findings'])
o = collections.Counter(f['rule'] for f in json.load(open('$WORK/ghb/out.json'))['findings'])
assert all(o[r] <= i[r] for r in o), (o, i)
\""
check "Meshery bundles: no tag declared twice, one jwt scheme, no construct prefix on tags or schemes" bash -c "
  python3 - '$WORK/meshery.bundles' <<'PY'
import json, sys, os, subprocess
for name in ('meshery', 'cloud'):
    path = os.path.join(sys.argv[1], name + '.json')
    subprocess.run(['$APIREF', 'bundle', '$ROOT/examples/meshery', '--bundle', name, '-q', '-o', path], check=True)
    d = json.load(open(path))
    tags = [t['name'] for t in d.get('tags', [])]
    assert len(tags) == len(set(tags)), ('tag declared twice', name, tags)
    assert 'workspaces' in tags and not any(t.startswith('Workspace_') for t in tags), tags
    assert list(d['components']['securitySchemes']) == ['jwt'], d['components']['securitySchemes'].keys()
PY"
check "the example (schemas/): spec profile clean, exit 0" bash -c "cd '$ROOT/schemas' && '$APIREF' check --profile spec"
check "the example (schemas/): recommended, no errors" bash -c "cd '$ROOT/schemas' && '$APIREF' check --format json=$WORK/ex.json; test \$? -eq 0"
check "Meshery project: runs (exit 0 or 1, not 2), findings are complete" bash -c "
  '$APIREF' check '$ROOT/examples/meshery' --format json=$WORK/mesh.json --format sarif=$WORK/mesh.sarif -q >/dev/null; test \$? -le 1 &&
  python3 -c \"
import json; d = json.load(open('$WORK/mesh.json')); f = d['findings']
assert len(d['files']) > 100 and len(f) > 0, (len(d['files']), len(f))
assert all(x['file'] and x['start']['line'] > 0 and x['start']['col'] > 0 and len(x['fingerprint']) == 16 for x in f)
import os; missing = {x['file'] for x in f if not os.path.isfile(x['file'])}
assert not missing, ('paths that name no file', sorted(missing)[:5])
assert len({x['fingerprint'] for x in f}) == len(f), 'fingerprints collide'
assert any(x['refChain'] for x in f), 'no ref chain anywhere'
\""
check "Meshery project: the baseline suppresses all, then nothing is stale" bash -c "
  '$APIREF' check '$ROOT/examples/meshery' --baseline $WORK/mesh-base.json --update-baseline -q >/dev/null &&
  '$APIREF' check '$ROOT/examples/meshery' --baseline $WORK/mesh-base.json --baseline-strict >mb.txt && grep -q 'suppressed by baseline' mb.txt"

# A Swagger 2.0 description is checked as converted to 3.0, and each finding is named by its place
# in the 2.0 file: Docker Engine's `LinkLocalIPv6PrefixLen` example (a string for an integer)
# is at /definitions/..., line 998, not at /components/schemas/....
DOCKER="$ROOT/../shared/corpus/swagger2/canary/docker-v1.41/swagger.yaml"
check "Swagger 2.0 (Docker Engine): findings name the 2.0 pointers" bash -c "
  '$APIREF' check '$DOCKER' --profile strict --format json >d2.json; [ \$? -eq 1 ] && python3 -c '
import json, sys
found = json.load(open(\"d2.json\"))[\"findings\"]
assert len(found) > 100, len(found)
bad = [f[\"pointer\"] for f in found if f[\"pointer\"].split(\"/\")[1] not in (\"paths\", \"definitions\", \"parameters\", \"responses\", \"securityDefinitions\", \"info\", \"tags\")
       or any(k in f[\"pointer\"] for k in (\"/requestBody\", \"/content/\"))]
assert not bad, bad[:5]
ex = [f for f in found if f[\"rule\"] == \"example-valid\" and f[\"start\"][\"line\"] == 998]
assert [f[\"pointer\"] for f in ex] == [\"/definitions/NetworkSettings/properties/LinkLocalIPv6PrefixLen/example\"], ex
'"

summary
