#!/usr/bin/env bash
# bench/compare-refs.sh: apiref's reference beside Swagger UI, Redoc and Scalar (bench/compare-refs.mjs).
# Sets up what the script needs, then runs it with the arguments given:
#   - build/apiref (built when missing);
#   - @redocly/cli, @scalar/api-reference and playwright-core, pinned in bench/package.json and
#     bench/package-lock.json, installed into bench/.cache by `npm ci` (the only network access);
#   - Swagger UI from vendor/swagger-ui (scripts/setup-deps.sh installs it);
#   - Debian's Chromium.
#
#   bash bench/compare-refs.sh                        # 3 runs per tool and operation, then screenshots
#   bash bench/compare-refs.sh --runs 5 --shots 0     # more runs, no screenshots
#   bash bench/compare-refs.sh --runs 0 --tools apiref --reuse 1   # apiref's screenshots again
#
# Output: the table on stdout and in bench/.cache/compare/table.md, raw runs in runs.tsv there,
# screenshots in bench/.cache/compare/shots/ (all git-ignored).
set -uo pipefail
BENCH=compare-refs.sh
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

[[ -f $REPO/../shared/corpus/github/api.github.com.json ]] || die "GitHub's description is not at ../shared/corpus/github"
need_apiref
need_anchors "@redocly/cli" "@scalar/api-reference" playwright-core
[[ -f $REPO/vendor/swagger-ui/node_modules/swagger-ui-dist/swagger-ui-bundle.js ]] ||
  bash "$REPO/scripts/setup-deps.sh" >&2 || die "Swagger UI is missing from vendor/swagger-ui (scripts/setup-deps.sh)"
if [[ ! -x $CHROMIUM ]]; then
  [[ $CHROMIUM == /usr/bin/chromium ]] || die "Chromium not found at $CHROMIUM"
  apt_install chromium "Chromium (/usr/bin/chromium)"
fi
cd "$REPO" && exec node "$HERE/compare-refs.mjs" --apiref "$APIREF" --chromium "$CHROMIUM" "$@"
