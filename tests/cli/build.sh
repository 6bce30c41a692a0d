#!/usr/bin/env bash
# `apiref build` driven as a user and CI would: exit codes, atomic output, determinism,
# templates override, and every real input of the corpus building into a site that passes
# the site checker (links, no other hosts, page size, page structure).
# Usage: build.sh path/to/apiref [quick]
#   quick      skips GitHub's 13 MB description
set -uo pipefail
APIREF=$(realpath "$1")
MODE=${2:-full}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS="$ROOT/../shared/corpus"
CHECK="python3 $ROOT/tests/site/check_site.py"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
cd "$WORK"

# --- the embedded example: both audiences, no warning, a clean site -----------------------
check "example builds with no warning" bash -c "cd '$ROOT/schemas' && '$APIREF' build -o '$WORK/ex' 2>'$WORK/ex.err' && ! grep -q 'warning\|error' '$WORK/ex.err'"
check "example site passes the checker" $CHECK "$WORK/ex" --expect-pages 200
check "overview, auth guide, 404, sitemap, search index" bash -c "test -s ex/index.html && test -s ex/authentication/index.html && test -s ex/404.html && test -s ex/sitemap.xml && test -s ex/search-index.json && test -s ex/search-index.js"
check "bundled descriptions are published" bash -c "python3 -c 'import json; d=json.load(open(\"ex/public/openapi.json\")); assert len(d[\"paths\"]) > 10' && test -s ex/public/openapi.yaml"
check "deprecated construct left out of the site" bash -c "! grep -rq 'Beacon' ex/public/ ex/internal/"
check "assets copied" bash -c "test -s ex/assets/style.css && test -s ex/assets/app.js"
# The playground loads <bundle>/openapi.json: it must be exactly what `apiref bundle` writes.
same_as_bundle() {  # same_as_bundle SITE INPUT NAME...: every published description equals the bundle command's
  local site=$1 input=$2
  shift 2
  local out="$WORK/bundled-$(basename "$site")"
  "$APIREF" bundle "$input" -q --format json -o "$out/json" 2>/dev/null || return 1
  "$APIREF" bundle "$input" -q --format yaml -o "$out/yaml" 2>/dev/null || return 1
  for name in "$@"; do
    cmp "$out/json/$name.openapi.json" "$site/$name/openapi.json" || return 1
    cmp "$out/yaml/$name.openapi.yaml" "$site/$name/openapi.yaml" || return 1
  done
}
check "published descriptions are byte-identical to apiref bundle (JSON and YAML)" same_as_bundle ex "$ROOT/schemas" public internal
check "playground: Swagger UI, apiref's page and script, both settings files" bash -c "for f in index.html swagger-ui-bundle.js swagger-ui.css oauth2-redirect.html oauth2-redirect.js apiref-playground.js swagger-config.json apiref-playground.json LICENSE; do test -s ex/playground/\$f || { echo missing \$f; exit 1; }; done"
check "playground: swagger-config lists both bundles, public primary, no validator" python3 -c "
import json; c = json.load(open('ex/playground/swagger-config.json'))
assert c['urls'] == [{'name': 'public', 'url': '../public/openapi.json'}, {'name': 'internal', 'url': '../internal/openapi.json'}], c['urls']
assert c['urls.primaryName'] == 'public' and c['validatorUrl'] is None and c['deepLinking'] is True
assert c['tryItOutEnabled'] is True and c['requestSnippetsEnabled'] is True and c['persistAuthorization'] is False
s = json.load(open('ex/playground/apiref-playground.json'))
assert s == {'auth': {'public': None, 'internal': None}, 'persistAuthorization': False, 'proxy': None}, s"
check "playground: Swagger UI's files are the pinned package's, byte for byte" bash -c "cmp ex/playground/swagger-ui-bundle.js '$ROOT/vendor/swagger-ui/node_modules/swagger-ui-dist/swagger-ui-bundle.js' && grep -q '\"version\": \"5.35.0\"' '$ROOT/vendor/swagger-ui/node_modules/swagger-ui-dist/package.json'"
check "operation pages link to the playground at their operation" grep -q 'class="try-it" href="../../playground/index.html?urls.primaryName=public#/devices/getDevice"' ex/public/operations/getDevice.html
mkdir -p nodata && cp -r "$ROOT/templates" "$ROOT/site" "$ROOT/playground" nodata/
check "without the vendored Swagger UI: exit 2, says how to install it, writes nothing" bash -c "cd '$ROOT/schemas' && APIREF_DATA_DIR='$WORK/nodata' '$APIREF' build -q -o '$WORK/nov' 2>'$WORK/nov.err'; test \$? -eq 2 && grep -q 'setup-deps.sh' '$WORK/nov.err' && test ! -e '$WORK/nov'"

# --- same input, same bytes ----------------------------------------------------------------
check "second build is byte-identical" bash -c "cd '$ROOT/schemas' && '$APIREF' build -q -o '$WORK/ex2' 2>/dev/null && diff -r '$WORK/ex' '$WORK/ex2'"

# --- a failed build leaves the previous output untouched --------------------------------
# A build refuses only what it cannot read (a root that does not parse, a document that is not
# OpenAPI) and, with --strict, input with errors; a broken $ref is rendered as such.
mkdir -p bad
printf 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths:\n  /a: {$ref: "missing.yaml"}\n' >bad/api.yaml
printf 'openapi: 3.0.3\ninfo: {title: x, version: "1"\npaths: {}\n' >bad/syntax.yaml
printf 'title: not an OpenAPI document\nitems: [1, 2]\n' >bad/other.yaml
cp -r ex keep
check "a root that does not parse exits 1" bash -c "'$APIREF' build bad/syntax.yaml -o keep 2>err.txt; test \$? -eq 1"
check "the error names file, line and column" grep -Eq 'bad/syntax.yaml:[0-9]+:[0-9]+' err.txt
check "a document that is not OpenAPI exits 1" bash -c "'$APIREF' build bad/other.yaml -o keep 2>err2.txt; test \$? -eq 1 && grep -q 'bad/other.yaml' err2.txt"
check "a broken \$ref with --strict exits 1, naming file, line and pointer" bash -c "'$APIREF' build bad/api.yaml --strict -o keep 2>err3.txt; test \$? -eq 1 && grep -q 'bad/api.yaml:4:' err3.txt"
check "previous site untouched" diff -r ex keep
check "no temporary folder left" bash -c "! ls -a | grep -q '\.keep\.'"
check "a broken \$ref builds without --strict, and is reported" bash -c "'$APIREF' build bad/api.yaml -o badsite 2>err4.txt && grep -q 'bad/api.yaml:4:.* ref-file-not-found' err4.txt && test -s badsite/index.html"
check "broken refs are rendered as unresolved references on their page" bash -c "'$APIREF' build '$ROOT/tests/fixtures/broken-refs/api.yaml' -q -o brokensite &&
  p=brokensite/api/operations/listPets.html &&
  grep -q 'Unresolved reference: <code>./missing.yaml#/components/responses/ok</code>' \$p &&
  grep -q 'unresolved reference <code>#/components/schemas/Nope</code>' \$p &&
  grep -q '<code class=\"prop-name\">a</code> <span class=\"schema-broken\">unresolved reference <code>./missing.yaml#/Thing</code>' \$p &&
  p=brokensite/api/operations/updatePet.html &&
  grep -q 'Unresolved reference: <code>#/components/parameters/noSuchParameter</code> names a parameter' \$p &&
  grep -q 'Unresolved reference: <code>./missing.yaml#/components/requestBodies/Pet</code>' \$p && grep -q '<code>id</code>' \$p"
check "usage error exits 2" bash -c "'$APIREF' build no-such.yaml -o x 2>/dev/null; test \$? -eq 2"

# --- templates override, file by file ----------------------------------------------------
mkdir -p mytpl/assets
printf '{{>partials/head}}<body><main id="content"><h1>Custom 404</h1></main></body></html>\n' >mytpl/not-found.mustache
printf 'body{outline:1px solid red}\n' >mytpl/assets/extra.css
check "override builds" "$APIREF" build "$ROOT/schemas" -q -o over --templates mytpl
check "overridden template used" grep -q 'Custom 404' over/404.html
check "other templates kept" grep -q 'class="sidebar"' over/public/operations/getDevice.html
check "override assets copied beside the built-in ones" bash -c "test -s over/assets/extra.css && test -s over/assets/style.css"
printf '{{#unclosed}}\n' >mytpl/tag.mustache
check "broken template: exit 2 with file:line:col" bash -c "'$APIREF' build '$ROOT/schemas' -o over2 --templates mytpl 2>err2.txt; test \$? -eq 2 && grep -q 'tag.mustache:1:' err2.txt"

# --- hostile descriptions: nothing executable reaches the page ---------------------------
cat >xss.yaml <<'YAML'
openapi: 3.0.3
info:
  title: "<script>alert(1)</script> API"
  version: "1"
  description: |
    <img src=x onerror=alert(1)> [click](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">x</a>
    <div id="content">clobber</div>
paths:
  /x:
    get:
      summary: '"><script>alert(3)</script>'
      description: <svg onload=alert(4)><iframe src="javascript:alert(5)"></iframe>
      responses: {"200": {description: ok}}
YAML
# A JSON description is published as its own file only when bundling left it as it is: with an
# external $ref (inlined into components), openapi.json is the bundle written out, as apiref
# bundle writes it; a JSON file with a byte order mark is written out too.
mkdir -p vj
printf '{"openapi": "3.0.3",\n    "info": {"title": "V", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}},\n "components": {"schemas": {"A": {"type": "string"}}}}' >vj/same.json
sed 's|"#/components/schemas/A"|"other.json#/A"|' vj/same.json >vj/ext.json
printf '{"A": {"type": "string"}}' >vj/other.json
printf '\xEF\xBB\xBF' | cat - vj/same.json >vj/bom.json
check "unchanged JSON: openapi.json is the file, byte for byte" bash -c "'$APIREF' build vj/same.json -q -o vj/s1 && cmp vj/same.json vj/s1/same/openapi.json"
check "JSON with an external ref: openapi.json is the bundle, as apiref bundle writes it" bash -c "'$APIREF' build vj/ext.json -q -o vj/s2 && '$APIREF' bundle vj/ext.json -q -o vj/ext.bundle.json && cmp vj/ext.bundle.json vj/s2/ext/openapi.json && ! cmp -s vj/ext.json vj/s2/ext/openapi.json"
check "JSON with a byte order mark: openapi.json is written out, without it" bash -c "'$APIREF' build vj/bom.json -q -o vj/s3 && '$APIREF' bundle vj/same.json -q -o vj/same.bundle.json && cmp vj/same.bundle.json vj/s3/bom/openapi.json"

check "hostile description builds" "$APIREF" build xss.yaml -q -o xss
check "no script but ours, no handlers, no javascript: URLs" bash -c "! grep -rEiq '<script>|onerror=|onload=|javascript:|<iframe|<svg' xss --include=*.html"
check "description ids cannot take the page's ids" bash -c "test \$(grep -o 'id=\"content\"' xss/index.html | wc -l) -eq 1"

# --- the corpus -----------------------------------------------------------------------------
# Parts of the corpus fail the spec profile for real reasons (GitHub: two paths identical up to
# parameter names; Meshery: numeric response keys, 3.1 keywords in 3.0 files); a build renders
# them anyway and lists the findings (tests/cli/check.sh tests the findings and --strict).
check "Meshery project builds with no flag" "$APIREF" build "$ROOT/examples/meshery" -q -o mesh
for example in meshplay layer5-cloud; do
  check "the $example example builds with no flag" "$APIREF" build "$ROOT/examples/$example" -q -o "ex-$example"
done
check "--ignore-spec-errors (what every build now does) is still accepted" "$APIREF" build "$ROOT/schemas" -q --ignore-spec-errors -o ignore-flag
# Zero-config: Meshery's tree itself, with no apiref.yaml: a bundle per base_<audience>.yml.
check "Meshery's schemas tree builds zero-config" "$APIREF" build "$CORPUS/meshery/schemas" -q -o zero
check "zero-config: a bundle per base file, the same operations as the example config" bash -c "test \$(ls zero/meshery/operations/*.html | wc -l) -eq 124 && test \$(ls zero/cloud/operations/*.html | wc -l) -eq 210"
check "zero-config: apiref bundle writes both bundles" bash -c "'$APIREF' bundle '$CORPUS/meshery/schemas' -q -o zb && test -s zb/meshery.openapi.yaml && test -s zb/cloud.openapi.yaml"
check "zero-config: apiref check reads the same tree (exit 0 or 1, not 2)" bash -c "'$APIREF' check '$CORPUS/meshery/schemas' -q >/dev/null; test \$? -le 1"
# An apiref.yaml around one description (auth and branding only) builds that description.
mkdir -p onefile
printf 'openapi: 3.0.3\ninfo: {title: One, version: "1"}\npaths:\n  /a:\n    get: {operationId: getA, responses: {"200": {description: ok}}}\n  /b:\n    post: {operationId: postB, responses: {"200": {description: ok}}}\n' >onefile/openapi.yaml
printf 'site: {title: One file}\nauth: {name: Key, token_env: ONE_TOKEN, send: {headers: {X-Key: "${token}"}}, default: required}\n' >onefile/apiref.yaml
check "apiref.yaml beside one openapi.yaml builds its two operations" bash -c "'$APIREF' build onefile -q -o onesite && test \$(ls onesite/openapi/operations/*.html | wc -l) -eq 2"
check "apiref.yaml beside one openapi.yaml: its auth reaches the snippets" grep -rq 'X-Key' onesite --include=*.html
check "Meshery site passes the checker" $CHECK mesh --expect-pages 300
check "Meshery: both audiences" bash -c "test \$(ls mesh/meshery/operations/*.html | wc -l) -eq 124 && test \$(ls mesh/cloud/operations/*.html | wc -l) -eq 210"
check "Meshery: published descriptions are byte-identical to apiref bundle" same_as_bundle mesh "$ROOT/examples/meshery" meshery cloud
check "Meshery: the playground sends each bundle's token as its server reads it (cookies, bearer)" python3 -c "
import json; s = json.load(open('mesh/playground/apiref-playground.json'))
assert s['auth']['meshery']['cookies'] == [['meshery-provider', 'Meshery'], ['token', '\${token}']] and s['auth']['meshery']['headers'] == [], s
assert s['auth']['cloud']['headers'][0] == ['Authorization', 'Bearer \${token}'] and s['auth']['cloud']['cookies'] == [], s"
# --format hugo / jekyll: into a host site, only in the reference's own folders.
mkdir -p host/content host/layouts && printf 'title = "Host"\n' >host/config.toml && printf 'about\n' >host/content/about.md
check "hugo: into a folder that does not exist: exit 2, says so, creates nothing" bash -c "'$APIREF' build onefile --format hugo -o nohost 2>err.txt; test \$? -eq 2 && grep -q 'existing site' err.txt && test ! -e nohost"
check "hugo: a section that leaves the site: exit 2, names it" bash -c "'$APIREF' build onefile --format hugo --section ../up -o host 2>err.txt; test \$? -eq 2 && grep -q \"'../up'\" err.txt && test ! -e up"
check "hugo: writes its pages, assets and data below the section only" bash -c "'$APIREF' build onefile --format hugo -q -o host && test -s host/content/api/_index.html && test -s host/content/api/openapi/default/getA.html && test -s host/static/api/assets/style.css && test -s host/static/api/playground/index.html && test -s host/data/api/openapi.json && test \"\$(cat host/content/about.md)\" = about && test \$(find host -type f -not -path 'host/content/api/*' -not -path 'host/static/api/*' -not -path 'host/data/api/*' | wc -l) -eq 2"
check "hugo: an operation page's front matter keeps the HTML build's URL" grep -q '^url: "/api/openapi/operations/getA.html"$' host/content/api/openapi/default/getA.html
printf 'openapi: 3.0.3\ninfo: {title: One, version: "1"}\npaths:\n  /a:\n    get: {operationId: getA, responses: {"200": {description: ok}}}\n' >onefile/openapi.yaml
check "hugo: a rebuild without an operation removes its page, its twin and nothing of the host's" bash -c "find host -type f | sort >before.txt && '$APIREF' build onefile --format hugo -q -o host && find host -type f | sort >after.txt && test \"\$(comm -23 before.txt after.txt | tr '\n' ' ')\" = 'host/content/api/openapi/default/postB.html host/static/api/openapi/operations/postB.md ' && test -z \"\$(comm -13 before.txt after.txt)\""
printf 'openapi: 3.0.3\ninfo: {title: One, version: "1"}\npaths:\n  /a:\n    get: {operationId: getA, responses: {"200": {description: ok}}}\n  /b:\n    post: {operationId: postB, responses: {"200": {description: ok}}}\n' >onefile/openapi.yaml
mkdir -p host2/api && printf 'the team page\n' >host2/api/index.html
check "jekyll: a page of the host's own where apiref would write: exit 2, the site unchanged" bash -c "'$APIREF' build onefile --format jekyll -o host2 2>err.txt; test \$? -eq 2 && grep -q 'host2/api/index.html' err.txt && test \"\$(cat host2/api/index.html)\" = 'the team page' && test \$(find host2 -type f | wc -l) -eq 1"
check "jekyll: pages with a permalink, a layout and no Liquid" bash -c "mkdir -p host3 && '$APIREF' build onefile --format jekyll -q -o host3 && grep -q '^permalink: \"/api/openapi/operations/postB.html\"$' host3/api/openapi/operations/postB.html && grep -q '^render_with_liquid: false$' host3/api/openapi/operations/postB.html && grep -q '^layout: \"default\"$' host3/api/index.html && test -s host3/_data/api/openapi.json"

# Each document built, then every site checked by one run of the checker (a python start per
# site cost more than most of the checks).
n=0
bad_examples=""
built=()
declare -A source_of  # built site -> its document
for f in $(find "$CORPUS/oas-examples/3.0" "$CORPUS/oas-examples/3.1" -name '*.yaml' -o -name '*.json' | sort); do
  out="oas/$(echo "$f" | md5sum | cut -c1-8)"
  if "$APIREF" build "$f" -q -o "$out" 2>/dev/null; then
    built+=("$out")
    source_of[$out]=$f
    n=$((n + 1))
  else
    bad_examples="$bad_examples $f"
  fi
done
if ! $CHECK "${built[@]}" >oas-check.txt; then
  for out in $(grep -v ': checked [0-9]* pages, [0-9]* links, [0-9]* tag scripts: 0 problems$' oas-check.txt | grep -o '^oas/[0-9a-f]*' | sort -u); do
    bad_examples="$bad_examples ${source_of[$out]}"
  done
  [ -z "$bad_examples" ] && bad_examples=" (the checker failed: see oas-check.txt)"
  sed 's/^/    /' oas-check.txt | grep -v ' 0 problems$' | head -n 20 >&2
fi
check "every oas-examples 3.x document builds a clean site with no flag ($n built)" test -z "$bad_examples"
[ -n "$bad_examples" ] && echo "  failed:$bad_examples" >&2

# OpenAPI 3.2 (tests/oas32/api.yaml, every 3.2 feature apiref shows): builds, passes the site
# checker, check finds nothing in the spec profile, and bundles to an equal document.
check "3.2: builds a clean site" bash -c "'$APIREF' build '$ROOT/tests/oas32/api.yaml' -q -o oas32 && $CHECK oas32 >/dev/null"
check "3.2: QUERY and PURGE pages with their curl" bash -c "grep -q 'curl -X QUERY' oas32/api/operations/searchCakes.html && grep -q 'curl -X PURGE' oas32/api/operations/purgeCakeCache.html"
check "3.2: check --profile spec finds nothing" "$APIREF" check --profile spec "$ROOT/tests/oas32/api.yaml"
check "3.2: bundle keeps \$self, query and components.mediaTypes" bash -c "'$APIREF' bundle '$ROOT/tests/oas32/api.yaml' -q -o oas32.bundle.yaml && grep -q '^\$self: ' oas32.bundle.yaml && grep -q '^    query:' oas32.bundle.yaml && grep -q '^  mediaTypes:' oas32.bundle.yaml"

if [ "$MODE" != quick ]; then
  check "GitHub builds with no flag" "$APIREF" build "$CORPUS/github/api.github.com.json" -q -o gh
  check "GitHub: a page per operation and schema" bash -c "test \$(ls gh/api.github.com/operations/*.html | wc -l) -eq 1223 && test \$(ls gh/api.github.com/schemas/*.html | grep -vc index.html) -eq 969 && test \$(find gh/api.github.com -mindepth 2 -type d | wc -l) -eq 0"
  check "GitHub site passes the checker (links, hosts, size <= 1 MB, structure)" $CHECK gh --expect-pages 2240
  # Bundling changes nothing in GitHub's description: openapi.json is the file itself, byte for
  # byte (it differs from apiref bundle's JSON only by the final newline), and reads the same.
  check "GitHub: openapi.json is the description's own file, openapi.yaml is apiref bundle's" bash -c "cmp '$CORPUS/github/api.github.com.json' gh/api.github.com/openapi.json && '$APIREF' bundle '$CORPUS/github/api.github.com.json' -q -o gh.bundle.json && python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))' gh.bundle.json gh/api.github.com/openapi.json && '$APIREF' bundle '$CORPUS/github/api.github.com.json' -q -o gh.bundle.yaml && cmp gh.bundle.yaml gh/api.github.com/openapi.yaml"
fi

summary
