#!/usr/bin/env bash
# `apiref serve` driven over HTTP: pages, content types, folders, 404, ETags, the live-reload
# events, a rebuild after an edit, a broken edit reported and recovered from, the port-taken
# message and exit code, the proxy (refusals of URLs outside the declared servers, forwarding
# with auth headers and the cookie translation, streaming, upstream down), a bounded load test
# with no error and no memory growth, and a clean exit on SIGINT.
# Usage: serve.sh path/to/apiref [memory]
#   memory  only what the memory checks need (the streamed 64 MB body, the load), for a plain
#           build whose other checks a sanitized build runs (`make test`)
set -uo pipefail
APIREF=$(realpath "$1")
MODE=${2:-all}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
SERVE_PID=""
ECHO_PID=""
cleanup() {
  [ -n "$SERVE_PID" ] && kill -TERM "$SERVE_PID" 2>/dev/null
  [ -n "$ECHO_PID" ] && kill "$ECHO_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
# A sanitizer build keeps freed memory in quarantine: its RSS says nothing about leaks, so the
# memory checks are left to the plain build (LeakSanitizer checks the exit instead).
# ASan's entry point is in the program whether its runtime is a shared library (gcc) or linked
# in (clang), so the binary itself is searched, not ldd's list.
SANITIZED=0
if grep -q __asan_init "$APIREF"; then SANITIZED=1; fi
memory_check() {  # memory_check "description" kB-before kB-after limit-kB
  if [ "$SANITIZED" = 1 ]; then echo "skipped under AddressSanitizer: $1"; return 0; fi
  check "$1 (RSS $2 -> $3 kB)" test $(($3 - $2)) -lt "$4"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # wait_for FILE PATTERN [seconds]
  for _ in $(seq 1 $((${3:-20} * 10))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
cd "$WORK"

PORT=$(free_port)
UP=$(free_port)
BASE="http://127.0.0.1:$PORT"
PROXY="$BASE/_apiref/proxy"

# A copy of the embedded example whose local development server is the echo upstream, with
# an allowlist entry below a path.
cp -r "$ROOT/schemas" ex
sed -i "s#http://localhost:8080#http://localhost:$UP#" ex/base_public.yml
cat >>ex/apiref.yaml <<EOF
serve:
  proxy_allow:
    - http://127.0.0.1:$UP/allowed
EOF
python3 "$ROOT/tests/cli/echo_upstream.py" "$UP" "$WORK/upstream.log" >"$WORK/upstream.out" 2>&1 &
ECHO_PID=$!
"$APIREF" serve ex --port "$PORT" --proxy >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
check "serve starts and says where" wait_for "$WORK/serve.log" "serving http://127.0.0.1:$PORT/"
check "the upstream starts" wait_for "$WORK/upstream.out" ready

if [ "$MODE" = all ]; then  # up to the streamed body: pages, the port, the proxy's refusals and forwarding
# --- pages ----------------------------------------------------------------------------------
get() { curl -s -o "$WORK/body" -D "$WORK/head" -w '%{http_code} %{content_type}' "$@"; }
check "/ is the overview, HTML" bash -c "[ \"\$(curl -s -o body -w '%{http_code} %{content_type}' $BASE/)\" = '200 text/html; charset=utf-8' ] && grep -q 'Harbor Fleet' body"
check "HTML pages carry the live-reload script" bash -c "curl -s $BASE/public/ | grep -q '<script src=\"/_apiref/live.js\" data-site=\"1\" defer></script></body>'"
check "a folder without its slash redirects" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' $BASE/public)\" = '301 $BASE/public/' ]"
check "CSS is text/css" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code} %{content_type}' $BASE/assets/style.css)\" = '200 text/css; charset=utf-8' ]"
check "the bundle is JSON" bash -c "curl -s -o spec.json -w '%{content_type}' $BASE/public/openapi.json | grep -q application/json && python3 -c 'import json; json.load(open(\"spec.json\"))'"
check "an unknown page is a 404 with the site's 404 page" bash -c "[ \"\$(curl -s -o body -w '%{http_code}' $BASE/no/such/page/)\" = 404 ] && grep -qi 'not found' body"
check "a path climbing out is refused" bash -c "[ \"\$(curl -s --path-as-is -o /dev/null -w '%{http_code}' $BASE/../../etc/passwd)\" != 200 ]"
check "the live script is served" bash -c "curl -s $BASE/_apiref/live.js | grep -q EventSource"
check "pages are revalidated: ETag and 304" bash -c "etag=\$(curl -s -D - -o /dev/null $BASE/public/ | tr -d '\r' | sed -n 's/^ETag: //Ip') && [ -n \"\$etag\" ] && [ \"\$(curl -s -o /dev/null -w '%{http_code}' -H \"If-None-Match: \$etag\" $BASE/public/)\" = 304 ] && curl -s -D - -o /dev/null $BASE/public/ | grep -qi 'cache-control: no-cache'"
check "the site is read-only" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -X POST -d x $BASE/)\" = 405 ]"
check "events: the current build first" bash -c "timeout 2 curl -sN $BASE/_apiref/events | grep -m1 '^data:' | grep -q '\"ok\":true'"
check "the playground settings name the proxy" bash -c "[ ! -f '$ROOT/playground/apiref-playground.js' ] || curl -s $BASE/playground/apiref-playground.json | grep -q '\"proxy\": \"/_apiref/proxy\"'"
check "the playground settings offer serve.proxy_allow's server" bash -c "curl -s $BASE/playground/apiref-playground.json | python3 -c 'import json,sys; s=json.load(sys.stdin)[\"servers\"]; sys.exit(s != [{\"url\": \"http://127.0.0.1:$UP/allowed\", \"description\": \"allowed by serve.proxy_allow\"}])'"

# Small answers on a kept-alive connection are not held back (TCP_NODELAY): with Nagle's
# algorithm each waited for the client's delayed ACK, about 40 ms, so 300 took 12 s or more.
check "300 small pages on one kept-alive connection in under 6 s" bash -c "
  s=\$(date +%s%N); python3 '$ROOT/tests/cli/load_client.py' $PORT 1 300 / /assets/style.css >/dev/null &&
  [ \$(( (\$(date +%s%N) - s) / 1000000 )) -lt 6000 ]"

# --- port taken -------------------------------------------------------------------------------
check "a taken port: exit 2 and a clear message" bash -c "'$APIREF' serve ex --port $PORT >taken.out 2>taken.err; [ \$? -eq 2 ] && grep -q 'cannot listen on 127.0.0.1:$PORT' taken.err && grep -q -- '--port' taken.err"
check "a wider --host is warned about" bash -c "timeout 5 '$APIREF' serve ex --host 0.0.0.0 --port $PORT >wide.out 2>wide.err; grep -q 'warning: listening on 0.0.0.0' wide.err"

# --- proxy: refusals --------------------------------------------------------------------------
refused() {  # refused URL: 403 and a message that names the URL
  local code
  code=$(curl -s -o refusal.txt -w '%{http_code}' --get --data-urlencode "url=$1" "$PROXY")
  [ "$code" = 403 ] && grep -q 'refuses' refusal.txt || { echo "got $code for $1"; cat refusal.txt; return 1; }
}
for url in \
  "http://example.com/" \
  "http://localhost:$UP.evil.com/devices" \
  "http://localhost:$UP@evil.com/devices" \
  "http://evil.com@localhost:$UP/devices" \
  "http://localhost:$((UP + 1))/devices" \
  "https://localhost:$UP/devices" \
  "http://localhost/devices" \
  "http://127.0.0.1:$UP/allowedx" \
  "http://127.0.0.1:$UP/allowed/../admin" \
  "http://127.0.0.1:$UP/allowed/%2e%2e/admin" \
  "http://127.0.0.1:$UP/allowed%2F..%2Fadmin" \
  "http://localhost:$UP\\@evil.com/" \
  "ftp://localhost:$UP/" \
  "file:///etc/passwd" \
  "//localhost:$UP/devices" \
  "http://127.0.0.1:$PORT/_apiref/proxy?url=http://example.com/" \
  "https://api.fleet.example.com.evil.com/" \
  "https://api.fleet.example.com:444/"; do
  check "proxy refuses $url" refused "$url"
done
check "proxy without url is a 400" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' $PROXY)\" = 400 ]"
check "nothing refused reached the upstream" bash -c "! grep -q 'admin\|evil' '$WORK/upstream.log'"

# --- proxy: forwarding ----------------------------------------------------------------------------
: >"$WORK/upstream.log"
check "GET is forwarded with query and auth header" bash -c "curl -s -o get.json -w '%{http_code}' -H 'Authorization: Bearer tok-123' -H 'X-Apiref-Cookie: token=tok-123; meshery-provider=Meshery' -H 'Cookie: local=secret' -H 'Connection: keep-alive, X-Hop' -H 'X-Hop: 1' -H 'X-Custom: kept' --get --data-urlencode 'url=http://localhost:$UP/devices?page=2&q=a%20b' $PROXY | grep -q 200"
last() { tail -n 1 "$WORK/upstream.log" | python3 -c "import json,sys; r=json.load(sys.stdin); print($1)"; }
export -f last
export WORK
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
DEVICES="$PROXY?url=$(enc "http://localhost:$UP/devices")"
DEVICE1="$PROXY?url=$(enc "http://localhost:$UP/devices/1")"
check "upstream got the path and query" bash -c "[ \"\$(tail -n1 '$WORK/upstream.log' | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[\"path\"] + \"?\" + r[\"query\"])')\" = '/devices?page=2&q=a%20b' ]"
check "upstream got the Authorization header" bash -c "[ \"\$(last 'r[\"headers\"].get(\"authorization\")')\" = 'Bearer tok-123' ]"
check "X-Apiref-Cookie became Cookie, the browser's own cookie did not pass" bash -c "[ \"\$(last 'r[\"headers\"].get(\"cookie\")')\" = 'token=tok-123; meshery-provider=Meshery' ]"
check "X-Apiref-Cookie itself is dropped" bash -c "[ \"\$(last '\"x-apiref-cookie\" in r[\"headers\"]')\" = False ]"
check "hop-by-hop headers (and those Connection names) are dropped" bash -c "[ \"\$(last '\"x-hop\" in r[\"headers\"]')\" = False ]"
check "other headers pass" bash -c "[ \"\$(last 'r[\"headers\"].get(\"x-custom\")')\" = kept ]"
check "Host is the upstream's" bash -c "[ \"\$(last 'r[\"headers\"].get(\"host\")')\" = 'localhost:$UP' ]"
check "POST body and status pass" bash -c "[ \"\$(curl -s -o post.json -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{\"name\":\"edge-1\"}' '$DEVICES')\" = 201 ]"
check "upstream got the POST body" bash -c "[ \"\$(last 'r[\"method\"] + \" \" + r[\"body\"] + \" \" + r[\"headers\"][\"content-type\"]')\" = 'POST {\"name\":\"edge-1\"} application/json' ]"
check "PUT, PATCH and DELETE pass" bash -c "for m in PUT PATCH DELETE; do curl -s -o /dev/null -X \$m -d x '$DEVICE1'; done; [ \"\$(tail -n3 '$WORK/upstream.log' | python3 -c 'import json,sys; print(\" \".join(json.loads(l)[\"method\"] for l in sys.stdin))')\" = 'PUT PATCH DELETE' ]"
check "the allowlist from apiref.yaml is honoured at a path boundary" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --get --data-urlencode 'url=http://127.0.0.1:$UP/allowed/x' $PROXY)\" = 200 ]"
check "upstream headers come back" bash -c "curl -s -D - -o /dev/null --get --data-urlencode 'url=http://localhost:$UP/devices' $PROXY | grep -qi '^x-upstream: echo'"
check "an upstream cookie is not set on this origin" bash -c "h=\$(curl -s -D - -o /dev/null --get --data-urlencode 'url=http://localhost:$UP/set-cookie' $PROXY); ! echo \"\$h\" | grep -qi '^set-cookie' && echo \"\$h\" | grep -qi '^x-apiref-set-cookie: session=abc'"
check "a redirect to another host is not followed nor passed as Location" bash -c "h=\$(curl -s -D - -o /dev/null --get --data-urlencode 'url=http://localhost:$UP/redirect-away' $PROXY); echo \"\$h\" | grep -q '^HTTP/1.1 302' && ! echo \"\$h\" | grep -qi '^location' && ! grep -q elsewhere '$WORK/upstream.log'"
fi  # MODE = all

RSS_BEFORE_BIG=$(awk '/VmRSS/ {print $2}' /proc/$SERVE_PID/status)
check "a 64 MB body streams through whole" bash -c "[ \"\$(curl -s -o big.bin -w '%{http_code} %{size_download}' --get --data-urlencode 'url=http://localhost:$UP/big?n=67108864' $PROXY)\" = '200 67108864' ]"
RSS_AFTER_BIG=$(awk '/VmRSS/ {print $2}' /proc/$SERVE_PID/status)
memory_check "streaming holds a bounded buffer, not the 64 MB body" "$RSS_BEFORE_BIG" "$RSS_AFTER_BIG" 32768

if [ "$MODE" = all ]; then  # the live rebuild and the upstream down
# --- live rebuild, a broken edit, recovery ------------------------------------------------------
op_page=$(grep -o 'href="public/tags/[^"]*"' <(curl -s $BASE/) | head -1)
OP_FILE=$(grep -rl "operationId: listDevices" ex/constructs | head -1)
check "the example has listDevices" test -n "$OP_FILE"
OLD_SUMMARY=$(grep -A8 "operationId: listDevices" "$OP_FILE" | grep -m1 'summary:' | sed 's/.*summary: //')
timeout 30 curl -sN $BASE/_apiref/events >events.txt 2>/dev/null &
EVENTS_PID=$!
sleep 0.5
sed -i "s/summary: $OLD_SUMMARY/summary: Edited summary for the live test/" "$OP_FILE"
check "an edit rebuilds and the page shows it" bash -c "for i in \$(seq 50); do curl -s $BASE/public/operations/listDevices.html | grep -q 'Edited summary for the live test' && exit 0; sleep 0.2; done; exit 1"
check "the rebuild says how many pages it rendered" wait_for "$WORK/serve.log" "pages rendered" 5
check "the events stream announced the new build" wait_for events.txt '"site":2' 5
printf 'paths:\n  /broken: {get: [unclosed\n' >>"$OP_FILE"
check "a broken edit is an error event with file:line:col" bash -c "for i in \$(seq 50); do grep -q '\"ok\":false' events.txt && grep '\"ok\":false' events.txt | grep -q 'api.yml:[0-9]*:[0-9]*' && exit 0; sleep 0.2; done; exit 1"
check "the terminal shows the error too" wait_for "$WORK/serve.log" "still serving the last good build" 5
check "the last good site is still served" bash -c "curl -s $BASE/public/operations/listDevices.html | grep -q 'Edited summary for the live test'"
python3 - "$OP_FILE" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
open(p, "w").write(s[: s.rindex("paths:\n  /broken")])
EOF
check "the next good save recovers" wait_for events.txt '"site":3' 10
kill $EVENTS_PID 2>/dev/null

# --- proxy: upstream down ---------------------------------------------------------------------------
kill "$ECHO_PID"; wait "$ECHO_PID" 2>/dev/null; ECHO_PID=""
check "upstream down: 502 that says connection refused" bash -c "[ \"\$(curl -s -o down.txt -w '%{http_code}' --get --data-urlencode 'url=http://localhost:$UP/devices' $PROXY)\" = 502 ] && grep -qi 'refused' down.txt && grep -q 'localhost:$UP/devices' down.txt"

fi  # MODE = all

# --- bounded load: every request answered, no memory growth ----------------------------------------
# The warm-up asks for the same pages over as many connections as the measured run: an allocator
# with per-thread caches and several arenas (jemalloc, which apiref links) takes memory on the
# first use of each; a leak shows as growth over the measured run, after that.
PAGES="/ /public/ /public/operations/listDevices.html /assets/style.css /public/openapi.json /internal/"
# Under the sanitizers there is no memory check, and no warm-up for it.
# shellcheck disable=SC2086
[ "$SANITIZED" = 1 ] || python3 "$ROOT/tests/cli/load_client.py" "$PORT" 8 4000 $PAGES >warm.txt 2>&1
RSS1=$(awk '/VmRSS/ {print $2}' /proc/$SERVE_PID/status)
# shellcheck disable=SC2086
check "load: 8 connections x 10000 requests, all 200" python3 "$ROOT/tests/cli/load_client.py" "$PORT" 8 10000 $PAGES
RSS2=$(awk '/VmRSS/ {print $2}' /proc/$SERVE_PID/status)
echo "load: RSS $RSS1 kB after warm-up, $RSS2 kB after 10000 requests"
memory_check "load: no memory growth (under 4 MB more)" "$RSS1" "$RSS2" 4096

# --- clean shutdown -------------------------------------------------------------------------------------
kill -INT "$SERVE_PID"
code=0
for _ in $(seq 50); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SERVE_PID" 2>/dev/null; then code=99; else wait "$SERVE_PID"; code=$?; fi
SERVE_PID=""
check "SIGINT: exits 0 within 5 s (got $code)" test "$code" -eq 0
check "SIGINT: says it stops" grep -q "stopping" "$WORK/serve.log"
check "the port is free again" bash -c "python3 -c 'import socket; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((\"127.0.0.1\", $PORT))'"

summary serve
