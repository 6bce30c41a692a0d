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
  clang libclang-rt-14-dev   # the compiler of both builds; make fuzz-smoke's libFuzzer, ASan and UBSan runtimes
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

# The node packages of the test suites, each pinned in its folder's package-lock.json:
# tests/swagger2 (swagger2openapi, the corpus tier's reference converter), tests/browser
# (playwright-core and axe-core, used by the browser and host suites) and tests/prism (Prism).
# Installed here, before ctest starts the suites side by side, so that no two suites run
# `npm ci` into the same folder at once; each suite's run.sh still installs its own when run alone.
install_test_packages() {
  local root dir marker stamp
  root="$(cd "$(dirname "$0")/.." && pwd)"
  command -v npm >/dev/null || return 0  # the suites that need npm say so themselves
  for pair in swagger2:swagger2openapi browser:playwright-core prism:@stoplight/prism-cli; do
    dir="$root/tests/${pair%%:*}"
    marker="$dir/node_modules/${pair#*:}"
    stamp="$dir/node_modules/.package-lock.json"
    if [ -d "$marker" ] && [ -f "$stamp" ] && [ ! "$dir/package-lock.json" -nt "$stamp" ] &&
       [ ! "$dir/package.json" -nt "$stamp" ]; then
      continue
    fi
    echo "installing the pinned node packages of tests/${pair%%:*} into its node_modules" >&2
    npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund >&2 || return 1
  done
}

if [ ${#missing[@]} -eq 0 ]; then
  install_swagger_ui && install_test_packages
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
install_swagger_ui && install_test_packages
