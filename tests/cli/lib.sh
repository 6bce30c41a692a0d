# tests/cli/lib.sh: what the CLI test scripts share (sourced by build.sh, check.sh, diff.sh, serve.sh).
# The sourcing script sets WORK (its scratch folder) first; it calls `summary` last.

passed=0
failed=0
LOG_LINES=${LOG_LINES:-20}   # lines of a failed check's output shown

# check "description" command...: runs the command with its output in $WORK/last.log, counts the
# result, and on failure prints the description and the head of the output.
check() {
  local what=$1
  shift
  if "$@" >"$WORK/last.log" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $what" >&2
    sed 's/^/    /' "$WORK/last.log" | head -"$LOG_LINES" >&2
  fi
}

# status CODE CMD...: CMD exits with CODE (inside `check`, its output goes to last.log).
status() {
  local want=$1
  shift
  "$@"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "exit $got, expected $want"; return 1; }
}

# summary [PREFIX]: the counts, as the last line; exit status 0 only when nothing failed.
summary() {
  echo "${1:+$1: }$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
