#!/usr/bin/env bash
# `apiref diff` driven as a user and CI would: exit codes 0/1/2 and --fail-on, every format
# (the JSON and SARIF parsed back), the pull-request markdown, -q in every format, the summary
# line when every report goes to a file, a project compared bundle by bundle, and --base REV
# in a temporary git repository (the working tree left as it was).
# Usage: diff.sh path/to/apiref. Prints `N passed, M failed` last.
set -uo pipefail
APIREF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG_LINES=30
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
cd "$WORK"

cat >v1.yaml <<'YAML'
openapi: 3.0.3
info: {title: Pets, version: "1"}
servers: [{url: "https://api.example"}]
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
    post:
      operationId: addPet
      responses: {"201": {description: added}}
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string}
YAML
# Reordered, the schema renamed and inlined into an allOf of one: no change at all.
cat >same.yaml <<'YAML'
openapi: 3.0.3
info: {version: "1", title: Pets}
servers: [{url: "https://api.example"}]
paths:
  /pets:
    post:
      responses: {"201": {description: added}}
      operationId: addPet
    get:
      responses:
        "200":
          content:
            application/json:
              schema: {items: {allOf: [{$ref: "#/components/schemas/Animal"}]}, type: array}
          description: the pets
      parameters:
        - {in: query, name: limit, schema: {maximum: 100, type: integer}}
      operationId: listPets
components:
  schemas:
    Animal: {properties: {name: {type: string}, id: {type: integer}}, required: [name, id], type: object}
YAML
# Breaking: post removed, limit required, name no longer always returned. Info: a new path.
cat >v2.yaml <<'YAML'
openapi: 3.0.3
info: {title: Pets, version: "2"}
servers: [{url: "https://api.example"}]
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer, maximum: 100}}
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
  /owners:
    get:
      responses: {"200": {description: ok}}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        name: {type: string}
YAML
# Only an addition: info.
sed 's/^components:/  \/toys:\n    get:\n      responses: {"200": {description: ok}}\ncomponents:/' v1.yaml >added.yaml

check "equivalent versions: exit 0" status 0 "$APIREF" diff v1.yaml same.yaml
check "equivalent versions: no changes" bash -c "'$APIREF' diff v1.yaml same.yaml | grep -qx 'no changes (2 files checked)'"
check "breaking changes: exit 1" status 1 "$APIREF" diff v1.yaml v2.yaml
check "stylish: file:line:col level rule message" \
  bash -c "'$APIREF' diff v1.yaml v2.yaml | grep -Eq '^v2\.yaml:[0-9]+:[0-9]+ breaking parameter-made-required GET /pets: parameter .limit. \(query\) is now required$'"
check "stylish: the old place under each change" bash -c "'$APIREF' diff v1.yaml v2.yaml | grep -Eq '^    was at v1\.yaml:[0-9]+:[0-9]+ #/paths/~1pets/post$'"
check "stylish: the summary counts by level" \
  bash -c "'$APIREF' diff v1.yaml v2.yaml | grep -Eq '^4 changes \(3 breaking, 0 warnings, 1 info\); 3 at or above --fail-on breaking$'"
check "additions only: exit 0" status 0 "$APIREF" diff v1.yaml added.yaml
check "additions fail --fail-on info" status 1 "$APIREF" diff v1.yaml added.yaml --fail-on info
check "--fail-on none: exit 0 despite breaking changes" status 0 "$APIREF" diff v1.yaml v2.yaml --fail-on none
check "no such file: exit 2" status 2 "$APIREF" diff v1.yaml nope.yaml
check "one input without --base: exit 2" status 2 "$APIREF" diff v1.yaml
check "unknown format: exit 2" status 2 "$APIREF" diff v1.yaml v2.yaml --format nope
printf 'openapi: 3.0.3\ninfo: {title: Broken, version: "1"\npaths: {}\n' >broken.yaml
check "an unreadable version: exit 2" status 2 "$APIREF" diff v1.yaml broken.yaml

# Every format, parsed back where it is a format of its own.
check "json: changes with both places" bash -c "
  '$APIREF' diff v1.yaml v2.yaml --format json >d.json; [ \$? -eq 1 ] &&
  python3 -c \"
import json; d = json.load(open('d.json'))
assert d['counts']['error'] == 3 and d['counts']['info'] == 1, d['counts']
f = [x for x in d['findings'] if x['rule'] == 'operation-removed'][0]
assert f['severity'] == 'breaking' and f['file'] == 'v2.yaml' and f['pointer'] == '/paths/~1pets', f
assert f['related'][0]['file'] == 'v1.yaml' and f['related'][0]['pointer'] == '/paths/~1pets/post', f
\""
check "sarif: results with related locations" bash -c "
  '$APIREF' diff v1.yaml v2.yaml --format sarif >d.sarif; [ \$? -eq 1 ] &&
  python3 -c \"
import json; d = json.load(open('d.sarif'))
r = d['runs'][0]['results']
assert len(r) == 4 and all('relatedLocations' in x for x in r), r
assert any(x['ruleId'] == 'response-property-made-optional' and x['level'] == 'error' for x in r)
\""
check "github: an error annotation per breaking change" \
  bash -c "'$APIREF' diff v1.yaml v2.yaml --format github | grep -c '^::error file=v2.yaml' | grep -qx 3"
check "junit: parses" bash -c "'$APIREF' diff v1.yaml v2.yaml --format junit | python3 -c 'import sys, xml.dom.minidom as m; m.parseString(sys.stdin.read())'"
check "gitlab: parses" bash -c "'$APIREF' diff v1.yaml v2.yaml --format gitlab | python3 -c 'import sys, json; assert len(json.load(sys.stdin)) == 4'"
check "markdown: the pull-request comment" bash -c "
  '$APIREF' diff v1.yaml v2.yaml --format markdown >d.md
  grep -q '^## apiref diff' d.md && grep -q '^| 🔴 Breaking | 3 |' d.md && grep -q '^### 🔴 Breaking (3)' d.md &&
  grep -q '^- .operation-removed. (1)' d.md && grep -q '<details><summary>🔵 Info (1)</summary>' d.md"
check "GITHUB_STEP_SUMMARY gets the markdown comment" bash -c "
  GITHUB_STEP_SUMMARY=$WORK/step.md '$APIREF' diff v1.yaml v2.yaml --format github >/dev/null; grep -q '^## apiref diff' step.md"

# -q in every format; the summary line when every report goes to a file.
check "-q: github leaves out what does not fail" \
  bash -c "'$APIREF' diff v1.yaml v2.yaml --format github -q | grep -c '^::' | grep -qx 3"
check "-q: json holds only the failing changes" bash -c "
  '$APIREF' diff v1.yaml v2.yaml --format json -q | python3 -c 'import sys, json; assert len(json.load(sys.stdin)[\"findings\"]) == 3'"
check "every format to a file: one summary line on stderr" bash -c "
  '$APIREF' diff v1.yaml v2.yaml --format sarif=o.sarif --format markdown=o.md 2>err.txt >out.txt; [ \$? -eq 1 ] &&
  [ ! -s out.txt ] && [ \$(wc -l <err.txt) -eq 1 ] &&
  grep -q '^apiref diff: 4 changes (3 breaking, 0 warnings, 1 info); 3 at or above --fail-on breaking; wrote o.sarif, o.md$' err.txt"
check "check too: every format to a file prints the summary line" bash -c "
  '$APIREF' check v1.yaml --format json=c.json 2>err.txt >out.txt; [ ! -s out.txt ] && grep -q '^apiref check: .*wrote c.json$' err.txt"
check "check -q --format github: only what fails" bash -c "
  n=\$('$APIREF' check v1.yaml --format github --fail-on error -q | grep -c '^::'); [ \"\$n\" -eq 0 ]"

# A project: each bundle against its namesake.
check "the Meshery example against itself: no changes" status 0 "$APIREF" diff "$ROOT/examples/meshery" "$ROOT/examples/meshery"

# A Meshery-layout project (zero-config: base_<audience>.yml beside constructs/), its Key
# construct edited (v1beta2: v1beta1's is deprecated, so not merged): each change is located in
# the construct file it was made in, at that file's line:col in each version, the lines counted
# here with grep, not by apiref. The new api.yml gains a first line: its lines are one past.
MESH=$ROOT/../shared/corpus/meshery/schemas
cp -r "$MESH" mesh-old && cp -r "$MESH" mesh-new
KEY=constructs/v1beta2/key
sed -i '1i # edited' mesh-new/$KEY/api.yml
# KeyPayload.function (a request body's property, cloud only): maxLength 500 -> 100.
fn=$(( $(grep -n 'description: Operation permitted by the key.' mesh-new/$KEY/api.yml | cut -d: -f1) + 2 ))
sed -i "${fn}s/maxLength: 500/maxLength: 100/" mesh-new/$KEY/api.yml
# Key.category (in key.yaml, a response's schema in both bundles): string -> integer.
cat_line=$(( $(grep -n '^  category:$' mesh-new/$KEY/key.yaml | cut -d: -f1) + 1 ))
sed -i "${cat_line}s/type: string/type: integer/" mesh-new/$KEY/key.yaml
fn_old=$(( $(grep -n 'description: Operation permitted by the key.' mesh-old/$KEY/api.yml | cut -d: -f1) + 2 ))
fn_new=$(grep -n 'maxLength: 100' mesh-new/$KEY/api.yml | cut -d: -f1)
cat_old=$(( $(grep -n '^  category:$' mesh-old/$KEY/key.yaml | cut -d: -f1) + 1 ))
cat_new=$(grep -n '^    type: integer$' mesh-new/$KEY/key.yaml | cut -d: -f1)
# line:col of a line's value (its first non-blank after "key: "), counted in the shell.
col_of() { sed -n "$2p" "$1" | awk -F': ' '{ print length($1) + 3 }'; }
check "a project: a construct's changes at its own file and line:col, in both versions" bash -c "
  '$APIREF' diff mesh-old mesh-new --format json >mesh.json; [ \$? -eq 1 ] &&
  FN_OLD=$fn_old FN_NEW=$fn_new CAT_OLD=$cat_old CAT_NEW=$cat_new \
  FN_COL=$(col_of mesh-new/$KEY/api.yml "$fn_new") CAT_COL=$(col_of mesh-new/$KEY/key.yaml "$cat_new") python3 -c \"
import json, os
e = {k: int(os.environ[k]) for k in ('FN_OLD', 'FN_NEW', 'CAT_OLD', 'CAT_NEW', 'FN_COL', 'CAT_COL')}
d = json.load(open('mesh.json'))
f = d['findings']
assert len(f) == 3, [(x['rule'], x['file'], x['pointer']) for x in f]
fn = [x for x in f if x['file'] == 'mesh-new/$KEY/api.yml']
assert len(fn) == 1, f
fn = fn[0]
assert fn['pointer'] == '/components/schemas/KeyPayload/properties/function/maxLength', fn
assert (fn['start']['line'], fn['start']['col']) == (e['FN_NEW'], e['FN_COL']), (fn, e)
was = fn['related'][0]
assert was['file'] == 'mesh-old/$KEY/api.yml' and was['pointer'] == fn['pointer'], was
assert (was['line'], was['col']) == (e['FN_OLD'], e['FN_COL']), (was, e)
ty = [x for x in f if x['file'] == 'mesh-new/$KEY/key.yaml']
assert sorted(x['message'][:9] for x in ty) == ['[cloud] G', '[meshery]'], f
for t in ty:
  assert t['rule'] == 'response-type-changed' and t['pointer'] == '/properties/category/type', t
  assert (t['start']['line'], t['start']['col']) == (e['CAT_NEW'], e['CAT_COL']), (t, e)
  was = t['related'][0]
  assert was['file'] == 'mesh-old/$KEY/key.yaml' and was['pointer'] == '/properties/category/type', was
  assert (was['line'], was['col']) == (e['CAT_OLD'], e['CAT_COL']), (was, e)
\""
check "a project: stylish, github, sarif, gitlab, junit and markdown name the construct file and line" bash -c "
  '$APIREF' diff mesh-old mesh-new >mesh.txt; grep -q '^mesh-new/$KEY/api.yml:$fn_new:' mesh.txt &&
  grep -q '^    was at mesh-old/$KEY/api.yml:$fn_old:' mesh.txt &&
  '$APIREF' diff mesh-old mesh-new --format github | grep -q '^::error file=mesh-new/$KEY/key.yaml,line=$cat_new,' &&
  '$APIREF' diff mesh-old mesh-new --format sarif | python3 -c \"
import json, sys
r = json.load(sys.stdin)['runs'][0]['results']
locs = {(x['locations'][0]['physicalLocation']['artifactLocation']['uri'], x['locations'][0]['physicalLocation']['region']['startLine']) for x in r}
assert ('mesh-new/$KEY/api.yml', $fn_new) in locs and ('mesh-new/$KEY/key.yaml', $cat_new) in locs, locs
\" &&
  '$APIREF' diff mesh-old mesh-new --format gitlab | python3 -c \"
import json, sys
g = json.load(sys.stdin)
assert {(x['location']['path'], x['location']['lines']['begin']) for x in g} == {('mesh-new/$KEY/api.yml', $fn_new), ('mesh-new/$KEY/key.yaml', $cat_new)}, g
\" &&
  '$APIREF' diff mesh-old mesh-new --format junit | grep -q 'testsuite name=\"mesh-new/$KEY/key.yaml\"' &&
  '$APIREF' diff mesh-old mesh-new --format markdown | grep -q 'mesh-new/$KEY/api.yml:$fn_new'"

# --base REV: the same input as it was at a revision, read with git show.
mkdir repo && cd repo && git init -q . && git config user.email t@example && git config user.name t
mkdir -p api/schemas && cp ../v1.yaml api/openapi.yaml
printf '{"type": "object", "properties": {"id": {"type": "integer"}}}\n' >api/schemas/owner.json
git add -A && git commit -qm v1
cp ../v2.yaml api/openapi.yaml
check "--base HEAD: the working tree against the last commit" bash -c "
  '$APIREF' diff --base HEAD api/openapi.yaml >b.txt; [ \$? -eq 1 ] && grep -q 'operation-removed' b.txt &&
  grep -Eq '^    was at api/openapi.yaml@HEAD:[0-9]+:[0-9]+ #/paths/~1pets/post$' b.txt"
check "--base: the working tree is untouched" bash -c "cmp -s api/openapi.yaml ../v2.yaml && [ -z \"\$(git status --porcelain | grep -v '^ M api/openapi.yaml' | grep -v b.txt)\" ]"
check "--base from a subfolder, relative input" bash -c "cd api && '$APIREF' diff --base HEAD openapi.yaml --fail-on none | grep -q 'parameter-made-required'"
git add -A && git commit -qm v2
check "--base HEAD after committing: no changes" status 0 "$APIREF" diff --base HEAD api/openapi.yaml
check "--base HEAD~1: the committed change" status 1 "$APIREF" diff --base HEAD~1 api/openapi.yaml
check "--base with a file added since: exit 2" bash -c "cp ../v1.yaml api/new.yaml; '$APIREF' diff --base HEAD api/new.yaml; [ \$? -eq 2 ]"
check "--base no-such-rev: exit 2" status 2 "$APIREF" diff --base no-such-rev api/openapi.yaml
check "--base with two inputs: exit 2" status 2 "$APIREF" diff --base HEAD api/openapi.yaml api/openapi.yaml
# git runs with no shell between: a revision is one argument whatever it holds, and one that
# git would take for an option is refused.
for rev in 'HEAD;touch pwned' 'HEAD$(touch pwned)' 'HEAD`touch pwned`' "HEAD' && touch pwned '" 'HEAD|touch pwned'; do
  check "--base $rev: no such revision, nothing run" bash -c "
    '$APIREF' diff --base \"\$1\" api/openapi.yaml 2>err.txt; [ \$? -eq 2 ] && [ ! -e pwned ] &&
    grep -qF -- \"--base \$1: no such revision\" err.txt" _ "$rev"
done
check "--base -x: refused, not given to git as an option" bash -c "
  '$APIREF' diff --base=--output=pwned api/openapi.yaml 2>err.txt; [ \$? -eq 2 ] && [ ! -e pwned ] &&
  grep -qF -- '--base --output=pwned: not a revision' err.txt"

# git must not inherit apiref's signal mask (SIGINT, SIGTERM and SIGHUP blocked: a thread of
# apiref takes them) nor its ignored SIGXFSZ: it would ignore the user's Ctrl-C and die of SIGPIPE
# once apiref had gone. A stand-in git hangs in `git show` as the program it execs, whose mask
# and dispositions /proc shows; then the whole process group gets SIGINT, as from a terminal.
mkdir -p "$WORK/fakebin"
REAL_GIT=$(command -v git)
cat >"$WORK/fakebin/git" <<FAKE
#!/bin/sh
for a in "\$@"; do
  if [ "\$a" = show ] && [ -n "\${APIREF_TEST_HANG:-}" ]; then echo \$\$ >"\$APIREF_TEST_HANG.tmp"; mv "\$APIREF_TEST_HANG.tmp" "\$APIREF_TEST_HANG"; exec sleep 30; fi
done
exec "$REAL_GIT" "\$@"
FAKE
chmod +x "$WORK/fakebin/git"
signal_case() {
  local probe=$WORK/hang.pid marker=$WORK/hang.marker
  rm -f "$probe"
  touch "$marker"
  PATH="$WORK/fakebin:$PATH" APIREF_TEST_HANG=$probe setsid "$APIREF" diff --base HEAD~1 api/openapi.yaml >/dev/null 2>"$WORK/hang.err" &
  local pid=$! i
  for i in $(seq 1 300); do [ -s "$probe" ] && break; sleep 0.1; done
  [ -s "$probe" ] || { echo "git show never started"; kill -KILL -- -"$pid"; return 1; }
  local child
  child=$(cat "$probe")
  local blk ign
  blk=$(awk '/^SigBlk:/ {print $2}' "/proc/$child/status")
  ign=$(awk '/^SigIgn:/ {print $2}' "/proc/$child/status")
  local snaps
  snaps=$(find /tmp -maxdepth 1 -name 'apiref-diff-*' -newer "$marker")
  kill -INT -- -"$pid"
  wait "$pid"
  local code=$?
  for i in $(seq 1 50); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
  local ok=0
  [ "$blk" = 0000000000000000 ] || { echo "git started with signals blocked: SigBlk $blk"; ok=1; }
  # SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGXFSZ: bits 1, 2, 12, 14, 24.
  (( (0x$ign & 0x1005006) == 0 )) || { echo "git started with signals ignored: SigIgn $ign"; ok=1; }
  ! kill -0 "$child" 2>/dev/null || { echo "git still runs after SIGINT"; kill -KILL "$child"; ok=1; }
  [ "$code" -eq 130 ] || { echo "apiref exit $code, expected 130 (SIGINT)"; cat "$WORK/hang.err"; ok=1; }
  [ -n "$snaps" ] || { echo "no snapshot folder was made"; ok=1; }
  for s in $snaps; do [ ! -e "$s" ] || { echo "$s left behind"; ok=1; }; done
  return $ok
}
check "--base: git starts with no signal blocked or ignored, and Ctrl-C ends both" signal_case
cd "$WORK"
check "--base outside a repository: exit 2, git's words" bash -c "
  cd /tmp && '$APIREF' diff --base HEAD '$WORK/v1.yaml' 2>'$WORK/err.txt'; [ \$? -eq 2 ] && grep -q 'not a git repository' '$WORK/err.txt'"

summary
