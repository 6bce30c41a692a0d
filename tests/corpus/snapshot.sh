#!/usr/bin/env bash
# Everything apiref writes for the corpus, in one folder, so that two binaries can be compared
# with `diff -r`: the site of every project and every 3.x document, the bundles, and `check`'s
# findings under every profile. A refactoring that changes no behaviour leaves no difference.
#   tests/corpus/snapshot.sh APIREF OUT_DIR
set -u
apiref=$(realpath "$1"); out=$(realpath -m "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(realpath "$root/../shared/corpus")
rm -rf "$out"; mkdir -p "$out"
record() {  # name, then the command: keeps stdout, stderr and the exit code
  local name=$1; shift
  (cd "$root" && "$@") >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.rc"
  # Paths of this checkout and the output folder differ between the runs compared.
  sed -i -e "s#$root#ROOT#g" -e "s#$out#OUT#g" "$out/$name.out" "$out/$name.err"
}
for project in schemas examples/meshery examples/meshplay examples/layer5-cloud; do
  n=${project//\//_}
  record "build-$n" "$apiref" build "$project" -o "$out/site-$n"
  record "bundle-$n" "$apiref" bundle "$project" -o "$out/bundle-$n"
  for profile in spec recommended strict; do
    record "check-$n-$profile" "$apiref" check "$project" --profile "$profile" --format json
  done
done
# Into host sites: the pages, front matter and manifest of --format hugo and jekyll.
for format in hugo jekyll; do
  mkdir -p "$out/host-$format"
  record "build-host-$format" "$apiref" build examples/meshery --format "$format" -o "$out/host-$format"
done
record build-github "$apiref" build "$corpus/github/api.github.com.json" -o "$out/site-github"
for profile in spec recommended strict; do
  record "check-github-$profile" "$apiref" check "$corpus/github/api.github.com.json" --profile "$profile" --format json
done
for f in "$corpus"/oas-examples/3.*/*/*; do
  n=$(echo "${f#$corpus/oas-examples/}" | tr '/' '_')
  record "build-ex-$n" "$apiref" build "$f" -o "$out/site-ex-$n"
  for profile in spec recommended strict; do
    record "check-ex-$n-$profile" "$apiref" check "$f" --profile "$profile" --format sarif
  done
done
# The hostile and check fixtures: errors and findings, not sites.
for f in "$root"/tests/fixtures/hostile-build/* "$root"/tests/check/cases/*; do
  n=$(basename "$f")
  record "check-fx-$n" "$apiref" check "$f" --format json
  record "build-fx-$n" "$apiref" build "$f" -o "$out/site-fx-$n"
done
# Durations differ from run to run.
sed -i -E -e "s#$corpus#CORPUS#g" -e 's/ in [0-9.]+ m?s\b/ in T/g' "$out"/*.out "$out"/*.err
echo "snapshot in $out"
