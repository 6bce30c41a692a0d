#!/usr/bin/env bash
# Installs the Debian packages apiref builds and tests with. As root it runs apt-get; as
# anyone else it prints the exact command to run and stops.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libyaml-cpp-dev nlohmann-json3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  doctest-dev libcpp-httplib-dev libcli11-dev
  libjemalloc-dev   # the allocator of the apiref binary (see CMakeLists.txt)
  python3
  chromium nodejs npm   # browser tests: Debian's chromium driven by playwright-core from npm
  hugo jekyll   # host tests (tests/host): the reference built into a Hugo and a Jekyll site
)

missing=()
for p in "${packages[@]}"; do
  # Node may come from elsewhere than Debian (nvm, nodesource): a working node and npm will do.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  case "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" in *"install ok installed"*) ;; *) missing+=("$p") ;; esac
done
# The playground's Swagger UI (swagger-ui-dist, pinned by version and integrity hash in
# vendor/swagger-ui/package-lock.json), copied into every site by `apiref build`. Installed
# once from the npm registry; --ignore-scripts: no install script runs (swagger-ui-dist's
# @scarf/scarf dependency would otherwise report the install to scarf.sh).
install_swagger_ui() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/vendor/swagger-ui"
  local stamp="$dir/node_modules/.package-lock.json"
  if [ -f "$dir/node_modules/swagger-ui-dist/swagger-ui-bundle.js" ] && [ -f "$stamp" ] &&
     [ ! "$dir/package-lock.json" -nt "$stamp" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null; then
    echo "apiref needs npm to install the playground's Swagger UI into $dir" >&2
    return 1
  fi
  echo "installing Swagger UI (swagger-ui-dist, pinned) into vendor/swagger-ui/node_modules" >&2
  npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund >&2
}

# The reference Swagger 2.0 converter the corpus tier compares apiref with (tests/swagger2:
# swagger2openapi, pinned in its package-lock.json); tests/swagger2/run.sh installs it too.
install_swagger2_reference() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/swagger2"
  local stamp="$dir/node_modules/.package-lock.json"
  if [ -d "$dir/node_modules/swagger2openapi" ] && [ -f "$stamp" ] && [ ! "$dir/package-lock.json" -nt "$stamp" ]; then
    return 0
  fi
  command -v npm >/dev/null || return 0  # only the corpus tier needs it; it says so itself
  echo "installing swagger2openapi (pinned) into tests/swagger2/node_modules" >&2
  npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund >&2
}

if [ ${#missing[@]} -eq 0 ]; then
  install_swagger_ui && install_swagger2_reference
  exit $?
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "apiref needs these Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo $cmd" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd >/dev/null
install_swagger_ui && install_swagger2_reference
