#!/usr/bin/env bash
# Drives the built `apiref` binary the way a user and a CI job do: exit codes, where output
# goes, messages with file:line:col, atomic writes, determinism. Usage: run.sh path/to/apiref
set -uo pipefail
APIREF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS="$ROOT/../shared/corpus"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

check() {  # check "description" command...
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $what" >&2
  fi
}

# run CODE OUT ERR args... : runs apiref, stores output, returns 0 when the exit code is CODE.
run() {
  local want=$1 out=$2 err=$3
  shift 3
  "$APIREF" "$@" >"$out" 2>"$err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  apiref $* exited $got, wanted $want" >&2; sed 's/^/    /' "$err" >&2; return 1; }
}

cd "$WORK"

# --- single file to standard output, YAML by default, JSON on request -------------------
check "bundle a file to stdout" run 0 out.yaml err.txt bundle "$CORPUS/oas-examples/3.0/yaml/petstore.yaml"
check "stdout is YAML" grep -q '^openapi: "3.0.0"' out.yaml
check "bundle to a .json file" run 0 out.txt err.txt bundle "$CORPUS/oas-examples/3.0/yaml/petstore.yaml" -o pet.json
check "the .json file is JSON" python3 -c 'import json,sys; json.load(open("pet.json"))'
check "the summary names the file" grep -q 'wrote pet.json' err.txt

# --- the embedded example, from its folder with no argument, and by path ------------------
(cd "$ROOT/schemas" && "$APIREF" bundle -o "$WORK/ex" >/dev/null 2>"$WORK/ex.err")
check "project bundle with no argument exits 0" test $? -eq 0
check "public bundle written" test -s ex/public.openapi.yaml
check "internal bundle written" test -s ex/internal.openapi.yaml
check "embedded example gives no warning" bash -c '! grep -q "warning\|error" ex.err'
check "one bundle to one file" run 0 out.txt err.txt bundle "$ROOT/schemas" --bundle internal -o one.json
check "the one bundle is JSON" python3 -c 'import json; d=json.load(open("one.json")); assert len(d["paths"]) > 10'
check "same input, same bytes" bash -c "'$APIREF' bundle '$ROOT/schemas' --bundle internal -o two.json 2>/dev/null && cmp -s one.json two.json"

# --- exit code 1: input with errors; nothing is written, earlier output survives ----------
mkdir -p bad
cat >bad/api.yaml <<'YAML'
openapi: 3.0.3
info: {title: broken, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200":
          $ref: "./missing.yaml#/components/responses/ok"
YAML
echo "previous" >bad/out.yaml
check "broken ref exits 1" run 1 out.txt err.txt bundle bad/api.yaml -o bad/out.yaml
check "message has file:line:col and pointer" grep -q 'bad/api.yaml:8:17: error: .*missing.yaml.* does not exist \[ref-file-not-found\] (at #/paths/~1pets/get/responses/200/\$ref)' err.txt
check "earlier output untouched" grep -qx previous bad/out.yaml
check "no temp file left behind" bash -c '[ -z "$(ls bad | grep tmp)" ]'

cat >bad/dup.yaml <<'YAML'
openapi: 3.0.3
info: {title: dup, version: "1"}
paths: {}
paths: {}
YAML
check "duplicate key exits 1" run 1 out.txt err.txt bundle bad/dup.yaml
check "duplicate key names both lines" bash -c "grep -q 'bad/dup.yaml:4:1: error: duplicate key' err.txt && grep -q 'bad/dup.yaml:3:1' err.txt"

check "Swagger 2.0 bundles as OpenAPI 3.0" run 0 out.txt err.txt bundle "$CORPUS/oas-examples/2.0/yaml/petstore.yaml"
check "Swagger 2.0 bundle says openapi 3.0.3" grep -q '^openapi: "3.0.3"' out.txt
check "bundle --to 3.0 writes the converted 2.0 document" run 0 out.txt err.txt bundle --to 3.0 "$CORPUS/oas-examples/2.0/json/petstore.json" --format json
check "bundle --to 3.0 output has components/schemas" grep -q '"#/components/schemas/Pet"' out.txt
printf 'openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths: {}\n' >bad/v31.yaml
check "bundle --to 3.0 refuses a 3.1 input" run 2 out.txt err.txt bundle --to 3.0 bad/v31.yaml
check "bundle --to 3.0 says why" grep -q 'input is OpenAPI 3.1.0' err.txt
printf 'swagger: "1.2"\ninfo: {title: x, version: "1"}\npaths: {}\n' >bad/swagger12.yaml
check "Swagger 1.2 exits 1" run 1 out.txt err.txt bundle bad/swagger12.yaml
check "Swagger 1.2 message has file:line:col" grep -q "bad/swagger12.yaml:1:10: error: Swagger version '1.2' is not supported" err.txt

printf 'openapi: 3.0.3\ninfo: {title: x\n' >bad/syntax.yaml
check "YAML syntax error exits 1" run 1 out.txt err.txt bundle bad/syntax.yaml
check "YAML syntax error has a position" grep -q 'bad/syntax.yaml:[0-9]*:[0-9]*: error: .*\[yaml-syntax\]' err.txt

# --- exit code 2: usage, config, IO -------------------------------------------------------
check "missing file exits 2" run 2 out.txt err.txt bundle no-such-file.yaml
check "no apiref.yaml here exits 2" run 2 out.txt err.txt bundle
check "unknown option exits 2" run 2 out.txt err.txt bundle --no-such-option x.yaml
check "unknown bundle exits 2" run 2 out.txt err.txt bundle "$ROOT/schemas" --bundle nope
check "two bundles into one file exits 2" run 2 out.txt err.txt bundle "$ROOT/schemas" -o both.yaml
mkdir -p badcfg && printf 'bundles: []\n' >badcfg/apiref.yaml
check "invalid config exits 2" run 2 out.txt err.txt bundle badcfg
check "config error names the key" grep -q "badcfg/apiref.yaml:1:10: error: 'bundles' must list" err.txt
check "unwritable output exits 2" run 2 out.txt err.txt bundle "$CORPUS/oas-examples/3.0/yaml/petstore.yaml" -o /proc/nope/out.yaml

# --- the Meshery tree: both audiences, the reference's operation counts -------------------
check "Meshery project bundles" run 0 out.txt err.txt bundle "$ROOT/examples/meshery" -o mesh --quiet
check "meshery bundle: 124 operations" grep -q 'meshery.openapi.yaml (audience meshery, 124 operations)' err.txt
check "cloud bundle: 210 operations" grep -q 'cloud.openapi.yaml (audience cloud, 210 operations)' err.txt
check "--quiet hides warnings" bash -c '! grep -q "warning:" err.txt'

# --- the three deployment configs send exactly what each server reads ----------------------
snip() { "$APIREF" snippets "$ROOT/examples/$1" --language "$2" 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    if d["operationId"] == sys.argv[1]:
        print(d["code"])
        break' "$3"; }
snip meshery curl getWorkspaces >meshery.curl
check "Meshery Server: token and provider cookies" grep -qxF "  --cookie 'meshery-provider=Meshery; token='\"\$MESHERY_TOKEN\"" meshery.curl
check "Meshery Server: no Authorization header" bash -c "! grep -q Authorization meshery.curl"
snip meshplay curl getWorkspaces >meshplay.curl
check "Meshplay: rebranded cookie and variable" grep -qxF "  --cookie 'meshplay-provider=Meshplay; token='\"\$MESHPLAY_TOKEN\"" meshplay.curl
check "Meshplay: nothing of Meshery's left in the snippet" bash -c "! grep -qi 'meshery-provider\|MESHERY_TOKEN' meshplay.curl"
snip layer5-cloud curl getWorkspaces >cloud.curl
check "Layer5 Cloud: bearer token" grep -qxF "  -H 'Authorization: Bearer '\"\$LAYER5_TOKEN\" \\" cloud.curl
check "Layer5 Cloud: organisation header" grep -qF "  -H 'layer5-current-orgid: '\"\$LAYER5_ORG_ID\"" cloud.curl
check "Meshplay: its own server, none of Meshery's" grep -qF "curl 'http://localhost:9081/api/workspaces" meshplay.curl
"$APIREF" snippets "$ROOT/examples/meshery" --bundle cloud --language curl 2>/dev/null | python3 -c '
import json, sys
print(next(json.loads(l)["code"] for l in sys.stdin if json.loads(l)["operationId"] == "getWorkspaces"))' >meshery-cloud.curl
check "Meshery's cloud bundle: its own auth, a bearer token" grep -qF "  -H 'Authorization: Bearer '\"\$MESHERY_CLOUD_TOKEN\"" meshery-cloud.curl
check "Meshery's cloud bundle: the organisation header, no Meshery Server cookie" bash -c "grep -qF layer5-current-orgid meshery-cloud.curl && ! grep -q -- --cookie meshery-cloud.curl"
snip meshery python getWorkspaces >meshery.py
check "Meshery Server (Python): cookies from the environment" grep -qF '"token": os.environ["MESHERY_TOKEN"]' meshery.py
snip layer5-cloud javascript getWorkspaces >cloud.mjs
check "Layer5 Cloud (JavaScript): bearer from the environment" grep -qF '"Authorization": "Bearer " + process.env.LAYER5_TOKEN' cloud.mjs
check "snippets command on a broken input exits 1" run 1 out.txt err.txt snippets bad/api.yaml

# --- --version and --help ------------------------------------------------------------------
check "--version" bash -c "'$APIREF' --version | grep -q '^apiref '"
check "bundle --help lists --dereference" bash -c "'$APIREF' bundle --help | grep -q -- '--dereference'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
