#!/usr/bin/env bash
# `apiref build --changes-since REV`: the "What changed" page lists exactly the changes
# `apiref diff --base REV` reports, each once, under the operation (or shared part) it is in;
# the badge is on exactly the operations that changed; a build without the flag has neither.
# A temporary git repository with two versions of a description, and the Meshery example.
# Usage: changes.sh path/to/apiref. Prints `N passed, M failed` last.
set -uo pipefail
APIREF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG_LINES=30
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
cd "$WORK"

mkdir repo && cd repo && git init -q . && git config user.email t@example && git config user.name t
mkdir api
cat >api/openapi.yaml <<'YAML'
openapi: 3.0.3
info: {title: Pets, version: "1"}
servers: [{url: "https://api.example"}]
tags: [{name: pets}, {name: stores}]
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
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
      tags: [pets]
      responses: {"201": {description: added}}
  /pets/{id}:
    get:
      operationId: getPet
      tags: [pets]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: a pet
          content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
  /stores:
    get:
      operationId: listStores
      tags: [stores]
      responses: {"200": {description: the stores}}
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string}
YAML
git add -A && git commit -qm v1
# Breaking: addPet removed, limit required, Pet.name no longer always there (listPets and
# getPet through the schema). New: /owners. listStores is as it was.
python3 - <<'PY'
p = 'api/openapi.yaml'
s = open(p).read()
s = s.replace('''    post:
      operationId: addPet
      tags: [pets]
      responses: {"201": {description: added}}
''', '')
s = s.replace("{name: limit, in: query, schema", "{name: limit, in: query, required: true, schema")
s = s.replace("required: [id, name]", "required: [id]")
s = s.replace("components:\n", '''  /owners:
    get:
      operationId: listOwners
      tags: [stores]
      responses: {"200": {description: the owners}}
components:
''')
open(p, 'w').write(s)
PY

check "build --changes-since HEAD: exit 0" status 0 "$APIREF" build api/openapi.yaml -o site --changes-since HEAD
"$APIREF" diff --base HEAD api/openapi.yaml --format json >diff.json
BUNDLE=$(cd site && ls -d */ | grep -v -e assets -e authentication -e playground | head -1 | tr -d /)
check "a What changed page" test -f "site/$BUNDLE/changes.html"

# The page's changes against diff's: the same rules, the same number, each message diff's
# (less the operation the page's heading already names).
check "the page lists exactly the changes apiref diff reports" python3 - "site/$BUNDLE/changes.html" diff.json <<'PY'
import json, re, sys, html
page = open(sys.argv[1]).read()
items = re.findall(r'<li class="change change-(\w+)"><span[^>]*>\w+</span> (.*?) <code class="change-rule">([\w-]+)</code></li>', page)
found = sorted((lvl, rule) for lvl, msg, rule in items)
d = json.load(open(sys.argv[2]))['findings']
want = sorted((x['severity'], x['rule']) for x in d)
assert found == want, (found, want)
for lvl, msg, rule in items:
    msg = html.unescape(msg)
    assert any(x['rule'] == rule and x['message'].endswith(msg) for x in d), (rule, msg)
assert len(d) >= 4, d
PY
check "the Markdown twin: the same changes, linked from the page" bash -c "
  n=\$(grep -c '^- \*\*' site/$BUNDLE/changes.md) && [ \"\$n\" -eq \$(python3 -c 'import json; print(len(json.load(open(\"diff.json\"))[\"findings\"]))') ] &&
  grep -q '^## \[GET /pets\](operations/listPets.md) (Breaking)$' site/$BUNDLE/changes.md &&
  grep -q '<link rel=\"alternate\" type=\"text/markdown\" href=\"changes.md\">' site/$BUNDLE/changes.html"
check "grouped by operation, each heading linking to its page" bash -c "
  grep -q '<section class=\"change-group change-group-operation\" id=\"operation-get-pets\"' site/$BUNDLE/changes.html &&
  grep -q '<a href=\"[./a-z]*operations/listPets\.html\"><span class=\"method method-get\">GET</span> <code class=\"path\">/pets</code>' site/$BUNDLE/changes.html &&
  grep -q 'change-group-removed' site/$BUNDLE/changes.html && grep -q 'Used by 2 operations' site/$BUNDLE/changes.html"

# Badges: on the pages of exactly the operations that changed, with their kind as text.
check "badges on exactly the changed operations" python3 - "site/$BUNDLE/operations" <<'PY'
import os, re, sys
d = sys.argv[1]
got = {}
for f in sorted(os.listdir(d)):
    if not f.endswith('.html'): continue
    page = open(os.path.join(d, f)).read()
    opid = re.search(r'operationId <code>(\w+)</code>', page).group(1)
    m = re.search(r'<a class="change-badge change-(\w+)" href="[./\w]*changes\.html#[\w-]+" title="[^"]+">(\w+)<span class="visually-hidden">', page)
    if m: got[opid] = m.group(2)
want = {'listPets': 'Breaking', 'getPet': 'Breaking', 'listOwners': 'New'}
assert got == want, got
PY
check "the bundle page, tag pages and sidebar mark them" bash -c "
  grep -c 'class=\"change-badge change-breaking\"' site/$BUNDLE/index.html | grep -qx 2 &&
  grep -q 'change-badge change-new' site/$BUNDLE/tags/stores.html &&
  grep -q 'href=\"../changes.html\">What changed</a>' site/$BUNDLE/tags/pets.html &&
  ! grep -q 'change-badge' <(grep -o '<li><a href=\"[^\"]*list-stores[^\"]*\.html\".*</li>' site/$BUNDLE/tags/stores.html)"

check "the tag's sidebar script carries the badges (an operation page's sidebar)" python3 - "site/$BUNDLE/tags" <<'PY'
import json, re, sys
def ops(name):
    text = open(f'{sys.argv[1]}/{name}.nav.js').read()
    data = json.loads(re.search(r'apirefTagNav\((.*)\);', text).group(1))
    assert data['fields'][-1] == 'change', data['fields']
    return {op[0]: op[4] for op in data['operations']}
assert ops('pets') == {'listPets.html': ['breaking', 'Breaking'], 'getPet.html': ['breaking', 'Breaking']}, ops('pets')
assert ops('stores') == {'listStores.html': None, 'listOwners.html': ['new', 'New']}, ops('stores')
PY
check "without --changes-since: no page, no badge" bash -c "
  '$APIREF' build api/openapi.yaml -o plain 2>/dev/null && [ ! -e plain/$BUNDLE/changes.html ] &&
  ! grep -rq 'change-badge\|What changed' plain --include=*.html && ! grep -q '\"change\"' plain/$BUNDLE/tags/pets.nav.js"
git add -A && git commit -qm v2
check "since HEAD after committing: nothing changed" bash -c "
  '$APIREF' build api/openapi.yaml -o same --changes-since HEAD 2>/dev/null && grep -q 'Nothing changed since <code>HEAD</code>' same/$BUNDLE/changes.html &&
  ! grep -rq 'class=\"change-badge' same/$BUNDLE/operations"
check "since HEAD~1: the committed changes" bash -c "
  '$APIREF' build api/openapi.yaml -o old --changes-since HEAD~1 2>/dev/null && grep -q 'operation-removed' old/$BUNDLE/changes.html"
check "no such revision: exit 2, nothing written" bash -c "
  '$APIREF' build api/openapi.yaml -o bad --changes-since no-such-rev; [ \$? -eq 2 ] && [ ! -e bad ]"
check "hugo: the page too" bash -c "
  mkdir -p host && '$APIREF' build api/openapi.yaml -o host --format hugo --changes-since HEAD~1 2>/dev/null &&
  grep -rlq 'operation-removed' host/content"

# A project laid out like Meshery's schemas (the embedded example), in its own repository: a
# shared schema made less strict and one internal operation's body made required. Each bundle
# has its page with its own changes, and the badges are on the operations that use the schema
# (found here from the published openapi.json, independently of apiref) and on the one changed.
cd "$WORK"
cp -r "$ROOT/schemas" mesh && cd mesh && git init -q . && git config user.email t@example && git config user.name t &&
  git add -A && git commit -qm v1
check "the example since HEAD, unchanged: a page per bundle, nothing changed" bash -c "
  '$APIREF' build -o ../mesh-same --changes-since HEAD 2>/dev/null &&
  n=\$(ls ../mesh-same/*/changes.html | wc -l) && [ \"\$n\" -eq 2 ] && ! grep -L 'Nothing changed' ../mesh-same/*/changes.html | grep -q ."
sed -i '0,/^  - serial_number$/{/^  - serial_number$/d}' constructs/v1beta1/device/device.yaml
python3 - <<'PY'
p = 'constructs/v1beta1/device/api.yml'
s = open(p).read()
i = s.index('operationId: rebootDevice')
j = s.index('required: false', i)
open(p, 'w').write(s[:j] + 'required: true' + s[j + len('required: false'):])
PY
"$APIREF" diff --base HEAD --format json >../mesh-diff.json
check "the example since HEAD, changed: each bundle's page lists its changes as diff reports them" bash -c "
  '$APIREF' build -o ../mesh-site --changes-since HEAD 2>/dev/null && python3 - ../mesh-site ../mesh-diff.json <<'PY'
import json, re, sys, html
site, d = sys.argv[1], json.load(open(sys.argv[2]))['findings']
for bundle in ('public', 'internal'):
    page = open(f'{site}/{bundle}/changes.html').read()
    items = re.findall(r'<li class=\"change change-(\\w+)\"><span[^>]*>\\w+</span> (.*?) <code class=\"change-rule\">([\\w-]+)</code></li>', page)
    mine = [x for x in d if x['message'].startswith(f'[{bundle}] ')]
    assert sorted((l, r) for l, m, r in items) == sorted((x['severity'], x['rule']) for x in mine), (bundle, items, mine)
    for l, m, r in items:
        assert any(x['rule'] == r and x['message'].endswith(html.unescape(m)) for x in mine), (r, m)
assert len(d) == 3, d
PY"
check "the example: badges on exactly the operations that use the changed schema, and the changed one" python3 - ../mesh-site <<'PY'
import json, os, re, sys
site = sys.argv[1]
for bundle in ('public', 'internal'):
    doc = json.load(open(f'{site}/{bundle}/openapi.json'))
    def reaches(node, seen):
        if isinstance(node, dict):
            ref = node.get('$ref')
            if isinstance(ref, str) and ref.startswith('#/components/'):
                if ref == '#/components/schemas/device': return True
                if ref in seen: return False
                seen.add(ref)
                target = doc
                for t in ref[2:].split('/'): target = target[t.replace('~1', '/').replace('~0', '~')]
                return reaches(target, seen)
            return any(reaches(v, seen) for v in node.values())
        if isinstance(node, list): return any(reaches(v, seen) for v in node)
        return False
    want = set()
    for path, item in doc['paths'].items():
        for method, op in item.items():
            if method in ('get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'):
                if reaches(op, set()) or op.get('operationId') == 'rebootDevice': want.add(op['operationId'])
    got = set()
    for f in os.listdir(f'{site}/{bundle}/operations'):
        page = open(f'{site}/{bundle}/operations/{f}').read()
        if re.search(r'<a class="change-badge change-breaking"', page):
            got.add(re.search(r'operationId <code>(\w+)</code>', page).group(1))
    assert want and got == want, (bundle, sorted(got), sorted(want))
    assert ('rebootDevice' in got) == (bundle == 'internal'), bundle
PY

# apiref.yaml's `changes: {since: REV}`: the same pages without the flag; the flag wins over it.
printf 'changes: {since: HEAD}\n' >apiref.yaml
check "changes.since in apiref.yaml: the pages --changes-since makes, without the flag" bash -c "
  '$APIREF' build -o ../mesh-config 2>/dev/null && for b in public internal; do
    cmp ../mesh-config/\$b/changes.md ../mesh-site/\$b/changes.md || exit 1; done"
printf 'changes: {since: no-such-rev}\n' >apiref.yaml
check "changes.since naming no revision: exit 2, as the flag would" bash -c "
  '$APIREF' build -o ../mesh-bad 2>/dev/null; [ \$? -eq 2 ] && [ ! -e ../mesh-bad ]"
check "--changes-since wins over changes.since" bash -c "
  '$APIREF' build -o ../mesh-flag --changes-since HEAD 2>/dev/null && cmp ../mesh-flag/public/changes.md ../mesh-site/public/changes.md"
rm apiref.yaml

# The changelog for agents: llms.txt links each bundle's What changed twin, llms-full holds it.
check "llms.txt links each bundle's changes.md, llms-full.txt holds them" bash -c "
  for b in public internal; do
    grep -Eq \"^- \\[What changed in [^]]+\\]\\(([^)]*/)?\$b/changes.md\\): [0-9]+ changes? since \\\`HEAD\\\`, [0-9]+ breaking\" ../mesh-site/llms.txt || exit 1
    head -1 ../mesh-site/\$b/changes.md | grep -q '^# What changed since HEAD' || exit 1
  done
  grep -q '^## What changed since HEAD$' ../mesh-site/llms.txt &&
  [ \$(grep -c '^# What changed since HEAD' ../mesh-site/llms-full.txt) -eq 2 ]"
check "without --changes-since, llms.txt says nothing of changes" bash -c "! grep -q 'What changed' '$WORK/repo/plain/llms.txt'"
summary
