# bench/lib.sh: what the side-by-side benchmarks share (sourced by build.sh, bundle.sh, check.sh):
# messages, the tools they need (GNU time, apiref, the pinned anchors) and the median.
# The sourcing script sets BENCH (its name, for messages) and HERE (the bench/ folder) first.

die() { echo "bench/$BENCH: $*" >&2; exit 2; }
say() { echo "$*" >&2; }

REPO=$(cd "$HERE/.." && pwd)
CACHE=$HERE/.cache

# Bash 5 for EPOCHREALTIME (wall times in microseconds) and GNU time for the peak RSS, which
# Debian's `time` package provides (installed here when running as root, as on CI).
need_timing_tools() {
  [[ -n ${EPOCHREALTIME:-} ]] || die "needs bash >= 5 (EPOCHREALTIME)"
  command -v timeout >/dev/null || die "needs timeout (GNU coreutils)"
  [[ -x /usr/bin/time ]] || apt_install time "GNU time (/usr/bin/time)"
}

# apt_install PACKAGE WHAT: installs a Debian package when running as root (as on CI), else
# stops and says what to install.
apt_install() {
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing $2 (Debian package '$1')..."
    apt-get install -y -q "$1" >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$1" >/dev/null 2>&1; } ||
      die "could not install the '$1' package"
  else
    die "$2 is missing: install it (Debian: apt-get install $1)"
  fi
}

# need_apiref: APIREF (default build/apiref) must be an executable; the default one is built when
# missing. Sets APIREF_BUILD to its CMake build type.
need_apiref() {
  APIREF=${APIREF:-$REPO/build/apiref}
  if [[ ! -x $APIREF && $APIREF == "$REPO/build/apiref" ]]; then
    say "building apiref..."
    if [[ -f $REPO/build/build.ninja ]] && command -v ninja >/dev/null; then
      ninja -C "$REPO/build" apiref >&2 || die "ninja -C build apiref failed"
    else
      make -C "$REPO" build >&2 || die "make build failed"
    fi
  fi
  [[ -x $APIREF ]] || die "apiref binary not found at $APIREF"
  APIREF_BUILD=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$APIREF")/CMakeCache.txt" 2>/dev/null)
}

# need_anchors PACKAGE...: the packages, at the versions bench/package.json pins (locked by
# bench/package-lock.json), installed into bench/.cache by `npm ci` unless they already are.
# Sets PIN[package] to the pinned version. Nothing is fetched at run time of the tools.
declare -A PIN
need_anchors() {
  command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are required for the anchors"
  local p
  for p in "$@"; do
    PIN[$p]=$(node -p "require(process.argv[1]).dependencies[process.argv[2]] || ''" "$HERE/package.json" "$p") ||
      die "cannot read bench/package.json"
    [[ -n ${PIN[$p]} ]] || die "bench/package.json does not pin $p"
  done
  anchors_installed() {
    cmp -s "$HERE/package-lock.json" "$CACHE/package-lock.json" || return 1
    local q
    for q in "$@"; do
      [[ $(node -p "require(process.argv[1]).version" "$CACHE/node_modules/$q/package.json" 2>/dev/null) == "${PIN[$q]}" ]] ||
        return 1
    done
  }
  if ! anchors_installed "$@"; then
    say "installing the pinned anchors into bench/.cache (npm ci)..."
    mkdir -p "$CACHE"
    cp "$HERE/package.json" "$HERE/package-lock.json" "$CACHE/"
    npm ci --prefix "$CACHE" --ignore-scripts --no-audit --no-fund --loglevel=error >&2 || die "npm ci in bench/.cache failed"
    anchors_installed "$@" || die "the pinned anchors are not installed after npm ci"
  fi
  # No network from redocly: no usage data, no update check, no announcements (checked with
  # strace: no connect()).
  export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_SUPPRESS_NOTIFICATIONS=true
}

median() {  # the median of the numbers on stdin (one per line), or nothing (status 1) for none
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1
    if (NR % 2) printf "%.6f", v[(NR + 1) / 2]; else printf "%.6f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
