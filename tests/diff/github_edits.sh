#!/usr/bin/env bash
# GitHub's description against a copy with twenty breaking edits of twenty kinds
# (github_edits.py): `apiref diff` finds all twenty, each at the place it was made, and
# reports nothing else as breaking. Skipped (exit 0) without the corpus.
# Usage: github_edits.sh path/to/apiref [CORPUS]
set -uo pipefail
APIREF=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=${2:-$HERE/../../../shared/corpus}
GITHUB=$CORPUS/github/api.github.com.json
[ -f "$GITHUB" ] || { echo "skipped: no $GITHUB"; exit 0; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 "$HERE/github_edits.py" "$GITHUB" "$WORK/edited.json" "$WORK/expected.json" || exit 1
"$APIREF" diff "$GITHUB" "$WORK/edited.json" --format json >"$WORK/diff.json"
code=$?
[ "$code" -eq 1 ] || { echo "exit $code, expected 1"; exit 1; }
python3 - "$WORK/expected.json" "$WORK/diff.json" <<'PY'
import json, sys
expected = json.load(open(sys.argv[1]))
found = json.load(open(sys.argv[2]))["findings"]
breaking = [(f["rule"], f["pointer"]) for f in found if f["severity"] == "breaking"]
want = [(e["rule"], e["pointer"]) for e in expected]
missing = [w for w in want if w not in breaking]
extra = [b for b in breaking if b not in want]
for m in missing: print("missing:", *m)
for x in extra: print("extra breaking:", *x)
others = len(found) - len(breaking)
print(f"{len(want) - len(missing)} of {len(want)} edits found, {len(extra)} other breaking changes, {others} warnings and info")
sys.exit(1 if missing or extra else 0)
PY
