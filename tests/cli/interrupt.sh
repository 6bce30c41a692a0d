#!/usr/bin/env bash
# Nothing lost: `apiref build` and `apiref bundle -o` stopped part-way (SIGTERM, SIGINT, kill -9,
# a full disk as `ulimit -f` makes one) leave the previous output byte for byte as it was, or
# the new one whole, and no staging folder or temporary file behind. Usage: interrupt.sh path/to/apiref
set -uo pipefail
APIREF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GITHUB="$ROOT/../shared/corpus/github/api.github.com.json"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=tests/cli/lib.sh
source "$ROOT/tests/cli/lib.sh"
cd "$WORK"

# The old site is GitHub's description; each interrupted build makes it anew from a copy with
# another title, so a build that finished before its signal shows as the whole new site.
sed '0,/"title": "GitHub.s official OpenAPI spec + Octokit extension"/s//"title": "GitHub, interrupted"/' "$GITHUB" >new.json
cmp -s "$GITHUB" new.json && { echo "FAIL: could not make the second description"; exit 1; }
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 md5sum); }
"$APIREF" build "$GITHUB" -o old-site -q >/dev/null 2>&1 || { echo "FAIL: the first build"; exit 1; }
sums old-site >old.sums
"$APIREF" build new.json -o new-site -q >/dev/null 2>&1 || { echo "FAIL: the second build"; exit 1; }
sums new-site >new.sums
cmp -s old.sums new.sums && { echo "FAIL: the two sites are the same"; exit 1; }

# Nothing but the site itself beside it: no .site.tmp.<pid>, no .site.old.<pid>.
nothing_beside() { [[ -z $(find "$1" -mindepth 1 -maxdepth 1 ! -name site) ]] || { ls -a "$1"; return 1; }; }
# The site as it was, or the whole new one.
old_or_new() { sums "$1" >got.sums; cmp -s got.sums old.sums || cmp -s got.sums new.sums; }

# interrupted SIGNAL DELAY: a build into a copy of the old site, signalled after DELAY seconds.
interrupted() {
  local sig=$1 delay=$2 dir=$WORK/run-$1-$2
  mkdir -p "$dir" && cp -a old-site "$dir/site"
  "$APIREF" build new.json -o "$dir/site" -q >"$dir.out" 2>"$dir.err" &
  local pid=$!
  sleep "$delay"
  # A staging folder means apiref already takes signals (it does so before it stages anything):
  # then it must say it was interrupted. Before that (a process still starting, which a
  # sanitized one does for longer) a signal kills it silently with nothing to clean up, which
  # the checks below cover too.
  local staged=
  [[ -n $(find "$dir" -mindepth 1 -maxdepth 1 -name '.site.tmp.*' 2>/dev/null) ]] && staged=1
  kill -"$sig" "$pid" 2>/dev/null
  wait "$pid"
  local got=$?
  echo "build signalled $sig after $delay s: exit $got"
  check "$sig after $delay s: killed by it, or finished first" test "$got" -eq 0 -o "$got" -eq "$((128 + $(kill -l "$sig")))"
  check "$sig after $delay s: the old site or the whole new one" old_or_new "$dir/site"
  check "$sig after $delay s: no staging or old folder left" nothing_beside "$dir"
  if [[ $got -ne 0 && -n $staged ]]; then
    echo "  staged when signalled: it must say so"
    check "$sig after $delay s: says it was interrupted" grep -q 'apiref: interrupted' "$dir.err"
  fi
  if [[ $got -ne 0 ]]; then
    check "$sig after $delay s: no write error reported" bash -c "! grep -q 'cannot write' '$dir.err'"
  fi
}
for delay in 0.05 0.3 0.8 1.5; do interrupted TERM "$delay"; done
for delay in 0.1 0.6; do interrupted INT "$delay"; done
# Early enough, it is always the old site.
mkdir -p early && cp -a old-site early/site
"$APIREF" build new.json -o early/site -q >/dev/null 2>&1 &
pid=$!
sleep 0.02
kill -TERM "$pid"
wait "$pid"
check "TERM at once: the old site, byte for byte" bash -c "cd '$WORK' && sums() { (cd \"\$1\" && find . -type f -print0 | sort -z | xargs -0 md5sum); }; sums early/site | cmp -s - old.sums"

# kill -9 cannot be caught: its staging folder stays, and the next build into the same folder
# removes it.
mkdir -p nine && cp -a old-site nine/site
"$APIREF" build new.json -o nine/site -q >/dev/null 2>&1 &
pid=$!
sleep 0.4
kill -KILL "$pid"
wait "$pid" 2>/dev/null
check "kill -9: the old site or the new one" old_or_new nine/site
"$APIREF" build "$GITHUB" -o nine/site -q >/dev/null 2>&1
check "kill -9: the next build removes what it left" nothing_beside nine
check "kill -9: the next build is whole" bash -c "cd '$WORK' && (cd nine/site && find . -type f -print0 | sort -z | xargs -0 md5sum) | cmp -s - old.sums"

# A full disk: with the file size limit at 1 MiB, GitHub's openapi.json (11 MB) cannot be
# written. The build says which file, exits 2, and the old site stays.
mkdir -p full && cp -a old-site full/site
(ulimit -f 1024 && exec "$APIREF" build new.json -o full/site -q) >full.out 2>full.err
got=$?
check "file size limit: build exits 2" test "$got" -eq 2
check "file size limit: the message names the file and the reason" grep -qE 'apiref: cannot write /.*/full/\.site\.tmp\.[0-9]+/.*: File too large; full/site is unchanged' full.err
check "file size limit: the old site, byte for byte" bash -c "cd '$WORK' && (cd full/site && find . -type f -print0 | sort -z | xargs -0 md5sum) | cmp -s - old.sums"
check "file size limit: no staging folder left" nothing_beside full

# bundle -o: the same for its one file.
"$APIREF" bundle "$GITHUB" -o old.yaml -q 2>/dev/null || { echo "FAIL: the first bundle"; exit 1; }
"$APIREF" bundle new.json -o new.yaml -q 2>/dev/null || { echo "FAIL: the second bundle"; exit 1; }
for delay in 0.05 0.3 0.6; do
  d=$WORK/bundle-$delay && mkdir -p "$d" && cp old.yaml "$d/out.yaml"
  "$APIREF" bundle new.json -o "$d/out.yaml" -q >/dev/null 2>"$d.err" &
  pid=$!
  sleep "$delay"
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"
  got=$?
  echo "bundle signalled after $delay s: exit $got"
  check "bundle TERM after $delay s: the old file or the whole new one" \
    bash -c "cmp -s '$d/out.yaml' '$WORK/old.yaml' || cmp -s '$d/out.yaml' '$WORK/new.yaml'"
  check "bundle TERM after $delay s: no temporary file" test "$(ls "$d")" = out.yaml
done
mkdir -p bfull && cp old.yaml bfull/out.yaml
(ulimit -f 1024 && exec "$APIREF" bundle new.json -o bfull/out.yaml -q) >/dev/null 2>bfull.err
check "bundle, file size limit: exits 2" test $? -eq 2
check "bundle, file size limit: names the file and the reason" grep -qF 'apiref: cannot write bfull/out.yaml: File too large; it is unchanged' bfull.err
check "bundle, file size limit: the old file" cmp -s bfull/out.yaml old.yaml
check "bundle, file size limit: no temporary file" test "$(ls bfull)" = out.yaml

summary interrupt
