#!/usr/bin/env bash
# apiref's Swagger 2.0 conversion against the reference converter (swagger2openapi, pinned in
# package-lock.json) on every 2.0 document of ../shared/corpus: swagger2/ (Kubernetes, two
# Docker Engine versions, a petstore, 126 bug-report documents) and oas-examples/2.0.
#   tests/swagger2/run.sh path/to/apiref [--verbose]
# Exits non-zero on a difference that allowed.json does not explain (compare.py).
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 path/to/apiref [--verbose]" >&2
  exit 2
fi
APIREF=$(realpath "$1")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=$(cd "$HERE/../../../shared/corpus" 2>/dev/null && pwd) || { echo "no ../shared/corpus" >&2; exit 1; }
command -v node >/dev/null || { echo "node is not installed" >&2; exit 1; }

# Node dependencies: npm ci when node_modules is missing or older than the lock file (as
# scripts/setup-deps.sh does once).
LOCK="$HERE/package-lock.json"
STAMP="$HERE/node_modules/.package-lock.json"
if [ ! -d "$HERE/node_modules/swagger2openapi" ] || [ ! -f "$STAMP" ] || [ "$LOCK" -nt "$STAMP" ]; then
  echo "installing swagger2openapi (pinned) into tests/swagger2/node_modules" >&2
  npm ci --prefix "$HERE" --ignore-scripts --no-audit --no-fund >&2 || { echo "npm ci failed" >&2; exit 1; }
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
node "$HERE/reference.mjs" "$WORK" "$CORPUS/swagger2" "$CORPUS/oas-examples/2.0" || exit 1
python3 "$HERE/compare.py" "$APIREF" "$WORK" "$@"
