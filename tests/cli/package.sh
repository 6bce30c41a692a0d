#!/usr/bin/env bash
# The Debian package (`make package`): made with cpack from a configured build folder,
# unpacked into a temporary root (dpkg-deb -x: no root needed, nothing installed on the
# machine), and used from there as CI uses it: the example built from another folder with the
# installed `apiref`, which must find its templates, assets and the pinned Swagger UI beside
# itself (<root>/usr/share/apiref), never the source tree it was built from.
# Usage: package.sh BUILD_DIR. Prints `N passed, M failed` last.
set -uo pipefail
BUILD=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG_LINES=30
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"

check "cpack makes the package" bash -c "cd '$BUILD' && cpack -G DEB -B '$WORK/pkg' >'$WORK/cpack.log' 2>&1"
DEB=$(ls "$WORK"/pkg/apiref_*.deb 2>/dev/null | head -1)
SERVE_DEB=$(ls "$WORK"/pkg/apiref-serve_*.deb 2>/dev/null | head -1)
check "two .debs: apiref and apiref-serve" bash -c "test -f '$DEB' && test -f '$SERVE_DEB'"
check "apiref's control: name, version, and no dependency but the C library" bash -c "
  dpkg-deb -f '$DEB' Package | grep -qx apiref && dpkg-deb -f '$DEB' Version | grep -q '^0\\.' &&
  dpkg-deb -f '$DEB' Depends | grep -Eqx 'libc6 \\(>= [0-9.]+\\)'"
check "apiref-serve's: on apiref of its version, and what it loads" bash -c "
  dpkg-deb -f '$SERVE_DEB' Depends | grep -q 'apiref (= ' && dpkg-deb -f '$SERVE_DEB' Depends | grep -q 'libcpp-httplib'"
check "its files: the programs, templates, assets, playground and Swagger UI" bash -c "
  dpkg-deb -c '$DEB' >'$WORK/files.txt' &&
  dpkg-deb -c '$SERVE_DEB' >>'$WORK/files.txt' &&
  for f in ./usr/bin/apiref ./usr/bin/apiref-serve ./usr/share/apiref/templates/operation.mustache \
           ./usr/share/apiref/templates/changes.mustache ./usr/share/apiref/site/style.css \
           ./usr/share/apiref/playground/apiref-playground.js \
           ./usr/share/apiref/vendor/swagger-ui/node_modules/swagger-ui-dist/swagger-ui-bundle.js; do
    grep -q \" \$f\$\" '$WORK/files.txt' || { echo \"missing \$f\"; exit 1; }
  done"
mkdir -p "$WORK/root"
check "dpkg-deb -x into a temporary root" bash -c "dpkg-deb -x '$DEB' '$WORK/root' && dpkg-deb -x '$SERVE_DEB' '$WORK/root'"
APIREF="$WORK/root/usr/bin/apiref"
check "the installed apiref runs" bash -c "'$APIREF' --version | grep -q '^apiref '"

# The example from another folder.
cp -r "$ROOT/schemas" "$WORK/project"
check "builds the example from another folder" bash -c "cd '$WORK/project' && env -u APIREF_DATA_DIR '$APIREF' build -o '$WORK/site' 2>'$WORK/build.log'"
check "the site is complete: pages, assets, playground with Swagger UI" bash -c "
  cd '$WORK/site' && test -f index.html && test -f assets/style.css && test -f assets/app.js &&
  test -f playground/index.html && test -f playground/swagger-ui-bundle.js && test -f playground/apiref-playground.js &&
  ls public/operations/*.html >/dev/null && ls internal/operations/*.html >/dev/null"
check "the same pages as the source tree's build" bash -c "
  cd '$WORK/project' && '$BUILD/apiref' build -o '$WORK/site-src' 2>/dev/null && diff -rq '$WORK/site' '$WORK/site-src'"
# The data it read is the installed one, not the source tree it was built from: a mark put in
# the installed footer shows on the pages.
echo '<!-- installed-data-mark -->' >>"$WORK/root/usr/share/apiref/templates/partials/footer.mustache"
check "it reads the installed templates" bash -c "
  cd '$WORK/project' && env -u APIREF_DATA_DIR '$APIREF' build -o '$WORK/site3' 2>/dev/null && grep -q installed-data-mark '$WORK/site3/index.html'"
check "APIREF_DATA_DIR still wins" bash -c "
  cd '$WORK/project' && APIREF_DATA_DIR=/nonexistent '$APIREF' build -o '$WORK/site2' 2>&1 | grep -q nonexistent"
summary
