#!/usr/bin/env bash
# Browser tests for the site `apiref build` writes. Usage: tests/browser/run.sh path/to/apiref
#
# Builds three sites into a temporary folder (the embedded example, GitHub's description from
# ../shared/corpus, and a hostile description full of script injections), serves each on
# 127.0.0.1 with python's static server, and drives Debian's chromium (/usr/bin/chromium, or
# $CHROMIUM) through playwright-core. Prints `N passed, M failed` last; exits non-zero on any
# failure. Screenshots go to tests/browser/screenshots/ (not committed).
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 path/to/apiref" >&2
  exit 2
fi
APIREF=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GITHUB_SPEC="$ROOT/../shared/corpus/github/api.github.com.json"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

fail_setup() {  # a problem before any browser test ran still ends with the closing line
  echo "FAIL: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[ -x "$APIREF" ] || fail_setup "no apiref binary at $APIREF"
[ -x "$CHROMIUM" ] || fail_setup "no chromium at $CHROMIUM (apt-get install chromium)"
command -v node >/dev/null || fail_setup "node is not installed"
command -v python3 >/dev/null || fail_setup "python3 is not installed"

# --- node dependencies: npm ci when node_modules is missing or older than the lock file -------
LOCK="$HERE/package-lock.json"
STAMP="$HERE/node_modules/.package-lock.json"   # npm writes this on every install
if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ] || [ ! -f "$STAMP" ] ||
   [ "$LOCK" -nt "$STAMP" ] || [ "$HERE/package.json" -nt "$STAMP" ]; then
  echo "installing node dependencies into tests/browser/node_modules"
  npm ci --prefix "$HERE" --ignore-scripts --no-audit --no-fund >&2 || fail_setup "npm ci failed"
fi

WORK=$(mktemp -d)
SERVER_PIDS=()
cleanup() {
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the sites ------------------------------------------------------------------------------
build() {  # build NAME DIR-TO-RUN-IN apiref-args...
  local name=$1 dir=$2
  shift 2
  # --ignore-spec-errors: GitHub's description fails the spec profile (tests/cli/check.sh)
  if ! (cd "$dir" && "$APIREF" build -q --ignore-spec-errors "$@" -o "$WORK/$name") >"$WORK/$name.log" 2>&1; then
    sed 's/^/    /' "$WORK/$name.log" >&2
    fail_setup "apiref build of the $name site failed"
  fi
}

build example "$ROOT/schemas"
# The example again, with a project auth section: a header, a second variable and a cookie,
# for the playground's token box (playground.mjs).
cp -r "$ROOT/schemas" "$WORK/example-auth-src"
cat >>"$WORK/example-auth-src/apiref.yaml" <<'YAML'

auth:
  name: Fleet token
  token_env: FLEET_TOKEN
  send:
    headers:
      Authorization: Bearer ${token}
      X-Fleet-Org: ${FLEET_ORG}
    cookies:
      fleet_session: ${token}
  default: required
YAML
sed -i 's/^site:$/site:\n  playground:\n    persist_authorization: true/' "$WORK/example-auth-src/apiref.yaml"
build example-auth "$WORK/example-auth-src"
build meshery "$ROOT/examples/meshery"
build meshplay "$ROOT/examples/meshplay"
build layer5 "$ROOT/examples/layer5-cloud"
[ -f "$GITHUB_SPEC" ] || fail_setup "GitHub's description is missing: $GITHUB_SPEC"
build github "$ROOT" "$GITHUB_SPEC"

# Every place a description is rendered gets the usual ways of sneaking script into a page.
# Each one sets window.__pwned to a different number, so a failure says which one got through.
cat >"$WORK/hostile.yaml" <<'YAML'
openapi: 3.0.3
info:
  title: Hostile API
  version: 1.0.0
  description: |
    Intro <script>window.__pwned=1</script> text.

    <img src=x onerror="window.__pwned=2">

    A [click](javascript:window.__pwned=3) link and <a href="JaVaScRiPt:window.__pwned=4">x</a>.

    <svg onload="window.__pwned=5"></svg>

    <iframe src="javascript:window.__pwned=6"></iframe>
servers:
  - url: https://hostile.invalid
tags:
  - name: evil
    description: |
      Tag <script>window.__pwned=1</script>

      <img src=x onerror="window.__pwned=2">

      [click](javascript:window.__pwned=3) and <a href="JaVaScRiPt:window.__pwned=4">x</a>

      <svg onload="window.__pwned=5"></svg>

      <iframe src="javascript:window.__pwned=6"></iframe>
paths:
  /things:
    get:
      operationId: getThings
      tags: [evil]
      summary: '"><script>window.__pwned=7</script>'
      description: |
        Operation <script>window.__pwned=1</script>

        <img src=x onerror="window.__pwned=2">

        [click](javascript:window.__pwned=3) and <a href="JaVaScRiPt:window.__pwned=4">x</a>

        <svg onload="window.__pwned=5"></svg>

        <iframe src="javascript:window.__pwned=6"></iframe>
      parameters:
        - name: q
          in: query
          description: '<img src=x onerror="window.__pwned=2"> [click](javascript:window.__pwned=3)'
          schema:
            type: string
          # Shown as the parameter's example (a snippet leaves an optional parameter out).
          example: '</code></pre><script>window.__pwned=10</script>"><img src=x onerror="window.__pwned=11">'
      responses:
        '200':
          description: '<script>window.__pwned=1</script> ok'
          content:
            application/json:
              schema:
                type: object
                description: '<svg onload="window.__pwned=5"></svg>'
                # The example's code block keeps JSON's quotes as they are; markup stays text.
                example: {name: '</code></pre><script>window.__pwned=8</script>"><img src=x onerror="window.__pwned=9">'}
                properties:
                  name:
                    type: string
                    description: '[click](javascript:window.__pwned=3)'
    # A second operation of the tag: app.js lists it in getThings' sidebar from the tag's script.
    delete:
      operationId: deleteThings
      tags: [evil]
      summary: '<img src=x onerror="window.__pwned=12">'
      responses:
        '204':
          description: gone
YAML
build hostile "$WORK" "$WORK/hostile.yaml"

# Names Swagger UI's deep links trip over: tags with spaces, a '/' and non-ASCII letters, an
# operationId with a space, operations without an id or a tag, a path item that is a $ref.
cat >"$WORK/edge.yaml" <<'YAML'
openapi: 3.0.3
info: {title: Edge names API, version: 1.0.0}
servers: [{url: 'http://localhost:8080'}]
tags:
  - {name: Device groups}
  - {name: Ünïcode/slash}
paths:
  /groups/{id}:
    get:
      operationId: get group
      tags: [Device groups]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /café/items:
    post:
      tags: [Ünïcode/slash]
      responses: {'201': {description: created}}
  /untagged:
    get:
      operationId: untagged.op-1
      responses: {'200': {description: ok}}
  /alias:
    $ref: '#/paths/~1source'
  /source:
    delete:
      tags: [Device groups]
      responses: {'204': {description: gone}}
YAML
build edge "$WORK" "$WORK/edge.yaml"

# Named schemas nested in others are links that app.js unfolds in place, filtered like the tree
# they join: a request body hides readOnly properties, a response writeOnly ones.
cat >"$WORK/nested.yaml" <<'YAML'
openapi: 3.0.3
info: {title: Nested API, version: 1.0.0}
servers: [{url: 'http://localhost:8080'}]
paths:
  /signups:
    post:
      operationId: createSignup
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Signup'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Signup'}
components:
  schemas:
    Signup:
      type: object
      properties:
        account: {$ref: '#/components/schemas/Account'}
    Account:
      type: object
      description: Who signs up.
      properties:
        id: {type: string, readOnly: true}
        password: {type: string, writeOnly: true}
        email: {type: string, format: email}
        home: {$ref: '#/components/schemas/Address'}
    Address:
      type: object
      description: 'Where. <img src=x onerror="window.__pwned=9"> <script>window.__pwned=10</script>'
      properties:
        city: {type: string, description: '[x](javascript:window.__pwned=11)'}
YAML
build nested "$WORK" "$WORK/nested.yaml"

# Hostile names and script in every text (hostile.mjs).
build names "$WORK" "$ROOT/tests/hostile/names.json"
# OpenAPI 3.2: every feature apiref shows (oas32.mjs).
build oas32 "$ROOT/tests/oas32" "$ROOT/tests/oas32/api.yaml"

# --- static servers on 127.0.0.1, each on a port the kernel picks -----------------------------
serve() {  # serve NAME: starts the server, sets PORT
  local name=$1
  local log="$WORK/$name.server.log"
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$WORK/$name" >"$log" 2>&1 &
  SERVER_PIDS+=($!)
  PORT=""
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  cat "$log" >&2
  fail_setup "the static server for the $name site did not start"
}
serve example; export EXAMPLE_URL="http://127.0.0.1:$PORT/"
serve github; export GITHUB_URL="http://127.0.0.1:$PORT/"
serve hostile; export HOSTILE_URL="http://127.0.0.1:$PORT/"
serve example-auth; export EXAMPLE_AUTH_URL="http://127.0.0.1:$PORT/"
serve meshery; export MESHERY_URL="http://127.0.0.1:$PORT/"
serve meshplay; export MESHPLAY_URL="http://127.0.0.1:$PORT/"
serve layer5; export LAYER5_URL="http://127.0.0.1:$PORT/"
serve edge; export EDGE_URL="http://127.0.0.1:$PORT/"
serve nested; export NESTED_URL="http://127.0.0.1:$PORT/"
serve names; export NAMES_URL="http://127.0.0.1:$PORT/" NAMES_DIR="$WORK/names"
serve oas32; export OAS32_URL="http://127.0.0.1:$PORT/"
# --- apiref serve (serve.mjs) -------------------------------------------------------------------
# The example with its auth section, served with --proxy; its local development server is the
# project's echo upstream, which records what it receives.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
apiref_serve() {  # apiref_serve NAME DIR args...: starts apiref serve, sets PORT
  local name=$1 dir=$2
  shift 2
  PORT=$(free_port)
  (cd "$dir" && exec "$APIREF" serve --port "$PORT" "$@") >"$WORK/$name.serve.log" 2>&1 &
  SERVER_PIDS+=($!)
  for _ in $(seq 1 300); do
    grep -q "serving http://127.0.0.1:$PORT/" "$WORK/$name.serve.log" && return 0
    sleep 0.1
  done
  cat "$WORK/$name.serve.log" >&2
  fail_setup "apiref serve of $name did not start"
}
UPSTREAM_PORT=$(free_port)
cp -r "$WORK/example-auth-src" "$WORK/serve-example"
sed -i "s#http://localhost:8080#http://localhost:$UPSTREAM_PORT#" "$WORK/serve-example/base_public.yml"
python3 "$ROOT/tests/cli/echo_upstream.py" "$UPSTREAM_PORT" "$WORK/upstream.log" >"$WORK/upstream.out" 2>&1 &
SERVER_PIDS+=($!)
apiref_serve serve-example "$WORK/serve-example" --proxy -q; export SERVE_EXAMPLE_URL="http://127.0.0.1:$PORT/"
export SERVE_UPSTREAM_URL="http://localhost:$UPSTREAM_PORT/" SERVE_UPSTREAM_LOG="$WORK/upstream.log"
# A copy of Meshery's tree (never the shared corpus itself): the live-reload test edits it.
mkdir -p "$WORK/meshery-copy"
cp -r "$ROOT/../shared/corpus/meshery/schemas" "$WORK/meshery-copy/schemas"
chmod -R u+w "$WORK/meshery-copy"
sed 's#^root: .*#root: schemas#' "$ROOT/examples/meshery/apiref.yaml" >"$WORK/meshery-copy/apiref.yaml"
# With the proxy and a further server given by --open-allow: a second echo upstream, which the
# playground must offer and send to (serve.mjs).
OPEN_PORT=$(free_port)
python3 "$ROOT/tests/cli/echo_upstream.py" "$OPEN_PORT" "$WORK/open-upstream.log" >"$WORK/open-upstream.out" 2>&1 &
SERVER_PIDS+=($!)
export SERVE_OPEN_URL="http://127.0.0.1:$OPEN_PORT" SERVE_OPEN_LOG="$WORK/open-upstream.log"
apiref_serve serve-meshery "$WORK/meshery-copy" -q --proxy --open-allow "$SERVE_OPEN_URL"
export SERVE_MESHERY_URL="http://127.0.0.1:$PORT/"
export SERVE_MESHERY_DIR="$WORK/meshery-copy/schemas"

export EXAMPLE_DIR="$WORK/example" GITHUB_DIR="$WORK/github" HOSTILE_DIR="$WORK/hostile" EDGE_DIR="$WORK/edge"
export MESHERY_DIR="$WORK/meshery"
export SCREENSHOTS="$HERE/screenshots"

node "$HERE/site.mjs"
status=$?
exit $status
