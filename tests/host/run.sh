#!/usr/bin/env bash
# The reference injected into existing docs sites (issue 18): `apiref build --format hugo` and
# `--format jekyll` into copies of two small host sites written for this test (hugo-site/,
# jekyll-site/: each with its own layout and marker, a page of its own, a base URL below /docs/),
# then Debian's hugo and jekyll build them, and check_host.py walks the result. Also: the host's
# own page is byte-identical with and without the reference, a rebuild after a construct is
# removed removes exactly its files (and keeps the host's hand-placed ones), GitHub's description
# into a Hugo site (time and peak memory printed), and the browser test (tests/browser/host.mjs)
# on the Hugo site when chromium and node are there.
# Usage: tests/host/run.sh path/to/apiref [quick]   ("quick" skips GitHub and the browser)
# Prints `N passed, M failed` last; exits non-zero on any failure.
set -uo pipefail
APIREF=$(realpath "$1")
MODE=${2:-full}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export HOST_TESTS="$HERE"  # front_matter.py, for the checks below
CORPUS="$ROOT/../shared/corpus"
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
LOG_LINES=40

fail_setup() {
  echo "FAIL: $*" >&2
  echo "host: $passed passed, $((failed + 1)) failed"
  exit 1
}
for tool in hugo jekyll python3; do
  command -v "$tool" >/dev/null || fail_setup "$tool is not installed (scripts/setup-deps.sh installs it)"
done

BASE_URL=https://docs.example.test/docs/
MARKER=data-host-marker
HUGO_SECTION=reference/rest-apis
JEKYLL_SECTION=api

# The operations every site must have a page for: the bundles as `apiref bundle` writes them.
bundle_json() {  # bundle_json PROJECT OUT: OUT/meshery.openapi.json, OUT/cloud.openapi.json
  (cd "$ROOT" && "$APIREF" bundle "$1" -q --format json -o "$2") >"$WORK/bundle.log" 2>&1 ||
    { cat "$WORK/bundle.log" >&2; fail_setup "apiref bundle $1 failed"; }
}
bundle_json examples/meshery "$WORK/bundles"
BUNDLES=(--bundle "meshery=$WORK/bundles/meshery.openapi.json" --bundle "cloud=$WORK/bundles/cloud.openapi.json")

# files DIR SUBDIR...: the files below DIR/SUBDIR..., one per line, sorted (paths relative to DIR)
files() {
  local dir=$1
  shift
  (cd "$dir" && for d in "$@"; do [ -d "$d" ] && find "$d" -type f; done | LC_ALL=C sort)
}
# host_state DIR EXCLUDED...: a checksum of every file of the host's source, but the excluded folders
host_state() {
  local dir=$1
  shift
  local prune=()
  for d in "$@" public _site resources .jekyll-cache .hugo_build.lock; do prune+=(-path "./$d" -prune -o); done
  (cd "$dir" && find . "${prune[@]}" -type f -print | LC_ALL=C sort | xargs sha256sum)
}
export -f host_state

# twins_served SOURCE OUT: every operation page the host published links a Markdown twin that the
# host copied unchanged from apiref's files (not made a page of its own), and llms.txt is there.
twins_served() {
  python3 - "$1" "$2" <<'PY'
import os, re, sys
src, out = sys.argv[1], sys.argv[2]
pages = 0
for dirpath, _, fs in os.walk(out):
    for f in fs:
        if not f.endswith(".html") or "/operations" not in dirpath:
            continue
        html = open(os.path.join(dirpath, f), encoding="utf-8").read()
        m = re.search(r'<link rel="alternate" type="text/markdown" href="([^"]+)">', html)
        assert m, f"{f}: no link to its twin"
        twin = os.path.join(dirpath, m.group(1))
        rel = os.path.relpath(twin, out)
        assert open(twin, "rb").read() == open(os.path.join(src, rel), "rb").read(), f"{rel}: not copied as written"
        pages += 1
assert pages >= 334, f"{pages} operation pages with a twin"
assert os.path.isfile(os.path.join(out, "llms.txt")), "no llms.txt"
PY
}
export -f twins_served

# ============================== Hugo ==========================================================
H=$WORK/hugo
cp -r "$HERE/hugo-site" "$H"
HUGO_DIRS=("content/$HUGO_SECTION" "static/$HUGO_SECTION" "data/$HUGO_SECTION")
(cd "$H" && hugo --quiet -d "$WORK/hugo-before") >"$WORK/hugo-before.log" 2>&1 || {
  cat "$WORK/hugo-before.log" >&2; fail_setup "hugo cannot build the fixture alone"; }
host_state "$H" "${HUGO_DIRS[@]}" >"$WORK/hugo-host.before"

check "hugo: apiref build --format hugo --section $HUGO_SECTION (Meshery project)" \
  bash -c "cd '$ROOT' && '$APIREF' build examples/meshery --format hugo -o '$H' --section '$HUGO_SECTION' -q"
check "hugo: apiref wrote only inside its section (content/, static/, data/)" bash -c "
  cd '$H' && find . -newer '$WORK/hugo-host.before' -type f | grep -v -e '^./content/$HUGO_SECTION/' -e '^./static/$HUGO_SECTION/' -e '^./data/$HUGO_SECTION/' | grep . && exit 1; exit 0"
check "hugo: the host's own source files are untouched" bash -c "diff '$WORK/hugo-host.before' <(host_state '$H' ${HUGO_DIRS[*]})"
check "hugo: content tree: overview, authentication, bundle and tag sections, operations in their tag" python3 - "$H/content/$HUGO_SECTION" <<'PY'
import os, sys
d = sys.argv[1]
for f in ("_index.html", "meshery/_index.html", "cloud/_index.html", ".apiref-manifest.json"):
    assert os.path.isfile(os.path.join(d, f)), f"missing {f}"
tags = [t for t in os.listdir(os.path.join(d, "meshery")) if os.path.isfile(os.path.join(d, "meshery", t, "_index.html"))]
assert len(tags) >= 5, f"only {len(tags)} tag sections under meshery/: {tags}"
ops = sum(1 for t in tags for f in os.listdir(os.path.join(d, "meshery", t)) if f.endswith(".html") and f != "_index.html")
assert ops >= 124, f"{ops} operation pages inside meshery's tag sections, expected at least 124"
assert any(f.endswith(".html") for f in os.listdir(os.path.join(d, "meshery", "schemas"))), "no schema pages"
PY
check "hugo: front matter: title, linkTitle, weight, url, apiref map (kind, bundle, method, path, operationId)" python3 - "$H/content/$HUGO_SECTION" <<'PY'
import os, sys
sys.path.insert(0, os.environ["HOST_TESTS"]); import front_matter as yaml
d = sys.argv[1]
seen = no_id = 0
for dirpath, _, fs in os.walk(d):
    for f in fs:
        if not f.endswith(".html"):
            continue
        text = open(os.path.join(dirpath, f), encoding="utf-8").read()
        assert text.startswith("---\n"), f"{f}: no YAML front matter"
        fm = yaml.safe_load(text[4:text.index("\n---\n", 4)])
        rel = os.path.relpath(os.path.join(dirpath, f), d)
        for k in ("title", "url", "apiref"):
            assert k in fm, f"{rel}: no {k}"
        assert fm["url"].startswith("/reference/rest-apis/"), f"{rel}: url {fm['url']}"
        body = text[text.index("\n---\n", 4) + 5:]
        assert '<div class="apiref' in body, f"{rel}: body is not apiref's div"
        if fm["apiref"].get("kind") == "operation":
            seen += 1
            for k in ("bundle", "method", "path"):
                assert k in fm["apiref"], f"{rel}: apiref.{k} missing"
            # An operationId only where the description gives one (not apiref's made-up key).
            if "operationId" not in fm["apiref"]:
                no_id += 1
            assert isinstance(fm.get("weight"), int), f"{rel}: weight {fm.get('weight')!r}"
            assert fm.get("linkTitle"), f"{rel}: no linkTitle"
            assert "/operations/" in fm["url"] and fm["url"].endswith(".html"), f"{rel}: url {fm['url']}"
            if "operationId" in fm["apiref"] and fm["apiref"]["operationId"].isidentifier():
                assert fm["url"].endswith("/operations/" + fm["apiref"]["operationId"] + ".html"), f"{rel}: url {fm['url']}"
assert seen >= 334, f"{seen} operation pages, expected 334"
assert 0 < no_id < seen, f"{no_id} operations without an operationId"
PY
check "hugo: operation weights order each tag's operations as the description does" python3 - "$H/content/$HUGO_SECTION" "$WORK/bundles" <<'PY'
import json, os, sys
sys.path.insert(0, os.environ["HOST_TESTS"]); import front_matter as yaml
d, bundles = sys.argv[1], sys.argv[2]
for b in ("meshery", "cloud"):
    spec = json.load(open(os.path.join(bundles, b + ".openapi.json")))
    order = {}   # tag -> [(METHOD, path)] in the description's order
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
                for tag in op.get("tags") or ["default"]:
                    order.setdefault(tag, []).append((method.upper(), path))
    for tag_dir in sorted(os.listdir(os.path.join(d, b))):
        full = os.path.join(d, b, tag_dir)
        if not os.path.isdir(full) or tag_dir == "schemas":
            continue
        pages = []
        for f in os.listdir(full):
            if f.endswith(".html") and f != "_index.html":
                text = open(os.path.join(full, f), encoding="utf-8").read()
                fm = yaml.safe_load(text[4:text.index("\n---\n", 4)])
                pages.append((fm["weight"], fm["apiref"]["method"], fm["apiref"]["path"]))
        if not pages:
            continue  # a tag whose operations all sit under their first tag, another one
        index = open(os.path.join(full, "_index.html"), encoding="utf-8").read()
        tag = yaml.safe_load(index[4:index.index("\n---\n", 4)])["title"]
        weights = [w for w, *_ in pages]
        assert len(set(weights)) == len(weights), f"{b}/{tag_dir}: equal weights {sorted(weights)}"
        got = [(m, p) for _, m, p in sorted(pages)]
        want = [x for x in order.get(tag, []) if x in got]
        assert got == want, f"{b}/{tag_dir}: by weight {got[:6]}..., the description has {want[:6]}..."
PY
check "hugo: the model data file and the published descriptions" python3 -c "
import json
for b in ('meshery', 'cloud'):
    json.load(open('$H/data/$HUGO_SECTION/' + b + '.json'))
    d = json.load(open('$H/static/$HUGO_SECTION/' + b + '/openapi.json'))
    assert d == json.load(open('$WORK/bundles/' + b + '.openapi.json')), b + ': openapi.json differs from apiref bundle'
"
check "hugo: hugo builds the site" bash -c "cd '$H' && hugo --quiet"
check "hugo: Markdown twins and llms.txt are served as apiref wrote them" \
  twins_served "$H/static/$HUGO_SECTION" "$H/public/$HUGO_SECTION"
check "hugo: every operation has a wrapped page; links resolve; nothing from another host" \
  python3 "$HERE/check_host.py" "$H/public" --base-url "$BASE_URL" --section "$HUGO_SECTION" --marker "$MARKER" "${BUNDLES[@]}"
check "hugo: the host's about page is byte-identical with and without the reference" cmp "$WORK/hugo-before/about/index.html" "$H/public/about/index.html"
check "hugo: the host's menu on an operation page shows bundle > tag > operations, the page current" python3 - "$H/public" <<'PY'
import html.parser, os, sys
out = sys.argv[1]
page = os.path.join(out, "reference/rest-apis/meshery/operations/getUsers.html")
class Menu(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.depth = 0; self.in_nav = False; self.links = []; self.max_depth = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and "host-menu" in (a.get("class") or ""): self.in_nav = True
        if not self.in_nav: return
        if tag == "ul": self.depth += 1; self.max_depth = max(self.max_depth, self.depth)
        if tag == "a": self.links.append((self.depth, a.get("href"), a.get("aria-current")))
    def handle_endtag(self, tag):
        if tag == "nav": self.in_nav = False
        if self.in_nav and tag == "ul": self.depth -= 1
m = Menu(); m.feed(open(page, encoding="utf-8").read())
hrefs = {h: (d, c) for d, h, c in m.links}
assert "/docs/reference/rest-apis/" in hrefs, "no entry for the reference's overview"
assert "/docs/reference/rest-apis/meshery/" in hrefs, "no entry for the meshery bundle"
cur = [(d, h) for d, h, c in m.links if c == "page"]
assert cur and cur[0][1] == "/docs/reference/rest-apis/meshery/operations/getUsers.html", f"current entry: {cur}"
bundle_depth = hrefs["/docs/reference/rest-apis/meshery/"][0]
assert cur[0][0] == bundle_depth + 2, f"operation at menu depth {cur[0][0]}, bundle at {bundle_depth}: not bundle > tag > operation"
PY

# --- a rebuild after a construct is removed -----------------------------------------------------
# A copy of Meshery's tree with one construct (v1beta3/user: getUsers, searchUsers,
# searchUsersInOrg) marked deprecated, which the bundler leaves out.
V=$WORK/variant
mkdir -p "$V"
cp -r "$CORPUS/meshery/schemas" "$V/schemas"
chmod -R u+w "$V"
sed 's#^root: .*#root: schemas#' "$ROOT/examples/meshery/apiref.yaml" >"$V/apiref.yaml"
sed -i 's/^  title: User$/  title: User\n  x-deprecated: true/' "$V/schemas/constructs/v1beta3/user/api.yml"
# The variant also takes the front matter settings of the README's Docsy recipe and an alias.
sed -i 's#^site:$#site:\n  front_matter: {no_list: true}\n  aliases: ["/{section}/{bundle}/{operationId}/"]#' "$V/apiref.yaml"
bundle_json "$V" "$WORK/vbundles"
mkdir -p "$H/content/$HUGO_SECTION/guides" "$H/static/$HUGO_SECTION"
printf -- '---\ntitle: Notes from the host team\n---\nWritten by hand.\n' >"$H/content/$HUGO_SECTION/guides/host-notes.md"
printf 'a file of the host team\n' >"$H/static/$HUGO_SECTION/host-file.txt"
HAND=("content/$HUGO_SECTION/guides/host-notes.md" "static/$HUGO_SECTION/host-file.txt")
files "$H" "${HUGO_DIRS[@]}" >"$WORK/list.first"
check "hugo rebuild: apiref build of the project without the user construct" \
  bash -c "'$APIREF' build '$V' --format hugo -o '$H' --section '$HUGO_SECTION' -q"
files "$H" "${HUGO_DIRS[@]}" >"$WORK/list.second"
cp -r "$HERE/hugo-site" "$WORK/fresh"
(cd "$V" && "$APIREF" build . --format hugo -o "$WORK/fresh" --section "$HUGO_SECTION" -q) >/dev/null 2>&1
( files "$WORK/fresh" "${HUGO_DIRS[@]}"; printf '%s\n' "${HAND[@]}" ) | LC_ALL=C sort >"$WORK/list.expected"
check "hugo rebuild: the section's files are a fresh build's plus the host's hand-placed ones" diff "$WORK/list.expected" "$WORK/list.second"
LC_ALL=C comm -23 "$WORK/list.first" "$WORK/list.second" >"$WORK/list.removed"
check "hugo rebuild: the construct's operation pages are gone, and nothing the fresh build writes" bash -c "
  cat '$WORK/list.removed'
  grep -q '/getUsers.html\$' '$WORK/list.removed' && grep -q '/searchUsers.html\$' '$WORK/list.removed' && grep -q '/searchUsersInOrg.html\$' '$WORK/list.removed' &&
  ! LC_ALL=C comm -12 '$WORK/list.removed' '$WORK/list.expected' | grep ."
check "hugo rebuild: the host's hand-placed files survive, unchanged" bash -c "
  grep -q 'Written by hand' '$H/${HAND[0]}' && grep -q 'a file of the host team' '$H/${HAND[1]}'"
check "hugo rebuild: the host's own source files are still untouched" bash -c "diff '$WORK/hugo-host.before' <(host_state '$H' ${HUGO_DIRS[*]})"
rm -rf "$H/public"
check "hugo rebuild: hugo builds, the checker passes with the smaller bundles" bash -c "cd '$H' && hugo --quiet &&
  python3 '$HERE/check_host.py' public --base-url '$BASE_URL' --section '$HUGO_SECTION' --marker '$MARKER' \
    --host-page '$HUGO_SECTION/guides/host-notes/index.html' --bundle 'meshery=$WORK/vbundles/meshery.openapi.json' --bundle 'cloud=$WORK/vbundles/cloud.openapi.json'"
check "hugo rebuild: site.front_matter and site.aliases reach the pages; hugo's alias redirects to the operation" bash -c "
  grep -Eq '^.?no_list.?: true' '$H/content/$HUGO_SECTION/meshery/_index.html' &&
  grep -q 'url=https://docs.example.test/docs/$HUGO_SECTION/meshery/operations/getUser.html' '$H/public/$HUGO_SECTION/meshery/getUser/index.html'"
check "hugo rebuild: the removed operations have no page in the output" bash -c "! find '$H/public' -name getUsers.html | grep ."

# ============================== Jekyll ========================================================
J=$WORK/jekyll
cp -r "$HERE/jekyll-site" "$J"
(cd "$J" && jekyll build -q -d "$WORK/jekyll-before") >"$WORK/jekyll-before.log" 2>&1 || {
  cat "$WORK/jekyll-before.log" >&2; fail_setup "jekyll cannot build the fixture alone"; }
host_state "$J" "$JEKYLL_SECTION" "_data/$JEKYLL_SECTION" >"$WORK/jekyll-host.before"
check "jekyll: apiref build --format jekyll --section $JEKYLL_SECTION (Meshery project)" \
  bash -c "cd '$ROOT' && '$APIREF' build examples/meshery --format jekyll -o '$J' --section '$JEKYLL_SECTION' -q"
check "jekyll: the host's own source files are untouched" bash -c "diff '$WORK/jekyll-host.before' <(host_state '$J' $JEKYLL_SECTION _data/$JEKYLL_SECTION)"
check "jekyll: pages with permalink and render_with_liquid: false, the data file, the manifest" python3 - "$J" "$JEKYLL_SECTION" <<'PY'
import json, os, sys
sys.path.insert(0, os.environ["HOST_TESTS"]); import front_matter as yaml
site, section = sys.argv[1], sys.argv[2]
assert os.path.isfile(os.path.join(site, section, ".apiref-manifest.json")), "no manifest"
for b in ("meshery", "cloud"):
    json.load(open(os.path.join(site, "_data", section, b + ".json")))
text = open(os.path.join(site, section, "meshery", "operations", "getUsers.html"), encoding="utf-8").read()
fm = yaml.safe_load(text[4:text.index("\n---\n", 4)])
assert fm.get("permalink") == "/api/meshery/operations/getUsers.html", fm.get("permalink")
assert fm.get("render_with_liquid") is False, fm
PY
check "jekyll: jekyll builds the site" bash -c "cd '$J' && jekyll build -q"
check "jekyll: Markdown twins and llms.txt are served as apiref wrote them" \
  twins_served "$J/$JEKYLL_SECTION" "$J/_site/$JEKYLL_SECTION"
check "jekyll: every operation has a wrapped page; links resolve; nothing from another host" \
  python3 "$HERE/check_host.py" "$J/_site" --base-url "$BASE_URL" --section "$JEKYLL_SECTION" --marker "$MARKER" "${BUNDLES[@]}"
check "jekyll: the host's about page is byte-identical with and without the reference" cmp "$WORK/jekyll-before/about/index.html" "$J/_site/about/index.html"

# ============================== GitHub's description into a Hugo site ========================
if [ "$MODE" != quick ]; then
  G=$WORK/github
  cp -r "$HERE/hugo-site" "$G"
  check "github: apiref build --format hugo of api.github.com.json" bash -c "
    /usr/bin/time -f '%e %M' -o '$WORK/github.apiref.time' '$APIREF' build '$CORPUS/github/api.github.com.json' --format hugo -o '$G' --section api -q"
  check "github: hugo builds the site" bash -c "cd '$G' && /usr/bin/time -f '%e %M' -o '$WORK/github.hugo.time' hugo --quiet"
  check "github: repos/get has its wrapped page" grep -q "$MARKER" "$G/public/api/api.github.com/operations/repos-get.html"
  read -r at am <"$WORK/github.apiref.time" 2>/dev/null
  read -r ht hm <"$WORK/github.hugo.time" 2>/dev/null
  echo "github into hugo: apiref ${at:-?} s, ${am:-?} KiB peak; hugo ${ht:-?} s, ${hm:-?} KiB peak; $(find "$G/public" -name '*.html' | wc -l) pages"
fi

# ============================== the browser, on the Hugo site =================================
if [ "$MODE" != quick ]; then
  # The browser suite's node dependencies (playwright-core), installed as tests/browser/run.sh
  # does when this test runs first on a fresh clone.
  BROWSER_DIR="$ROOT/tests/browser"
  if command -v npm >/dev/null && { [ ! -d "$BROWSER_DIR/node_modules/playwright-core" ] ||
     [ ! -f "$BROWSER_DIR/node_modules/.package-lock.json" ] || [ "$BROWSER_DIR/package-lock.json" -nt "$BROWSER_DIR/node_modules/.package-lock.json" ]; }; then
    echo "installing node dependencies into tests/browser/node_modules"
    npm ci --prefix "$BROWSER_DIR" --ignore-scripts --no-audit --no-fund >&2
  fi
  if [ -x "${CHROMIUM:-/usr/bin/chromium}" ] && command -v node >/dev/null && [ -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
    # Served at the base path, as the host publishes it: /docs/ is the built site.
    mkdir -p "$WORK/serve"
    cp -r "$HERE/hugo-site" "$WORK/browser-site"
    (cd "$ROOT" && "$APIREF" build examples/meshery --format hugo -o "$WORK/browser-site" --section "$HUGO_SECTION" -q) >/dev/null 2>&1
    (cd "$WORK/browser-site" && hugo --quiet) >/dev/null 2>&1
    ln -s "$WORK/browser-site/public" "$WORK/serve/docs"
    python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$WORK/serve" >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    PORT=""
    for _ in $(seq 1 100); do
      PORT=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$WORK/server.log" | head -n 1)
      [ -n "$PORT" ] && break
      sleep 0.1
    done
    mkdir -p "$ROOT/tests/browser/screenshots"
    HOST_URL="http://127.0.0.1:$PORT/docs/" SECTION="$HUGO_SECTION" SCREENSHOTS="$ROOT/tests/browser/screenshots" \
      node "$ROOT/tests/browser/host.mjs" | tee "$WORK/browser.out"
    b_passed=$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1/p' "$WORK/browser.out" | tail -n 1)
    b_failed=$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2/p' "$WORK/browser.out" | tail -n 1)
    passed=$((passed + ${b_passed:-0}))
    failed=$((failed + ${b_failed:-1}))
  else
    echo "FAIL: browser: no chromium, node or tests/browser/node_modules (scripts/setup-deps.sh installs them)" >&2
    failed=$((failed + 1))
  fi
fi

summary host
