# tap.sh - a tiny TAP producer for shell test suites: numbered ok/not ok
# lines, diagnostics, the plan at the end and an exit status that says
# whether anything failed.  Source it; it keeps its state in TAP_* variables.

TAP_COUNT=0
TAP_FAILED=0
# Under t/run --valgrind, valgrind's verdict is the suite's last TAP line.
. "$(dirname "${BASH_SOURCE[0]}")/valgrind.sh"

# ok DESCRIPTION: record a passing check.
ok()
{
    TAP_COUNT=$((TAP_COUNT + 1))
    printf 'ok %d - %s\n' "$TAP_COUNT" "$*"
}

# not_ok DESCRIPTION: record a failing check.
not_ok()
{
    TAP_COUNT=$((TAP_COUNT + 1))
    TAP_FAILED=$((TAP_FAILED + 1))
    printf 'not ok %d - %s\n' "$TAP_COUNT" "$*"
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds, not ok otherwise.
check()
{
    local desc=$1
    shift
    if "$@"; then
        ok "$desc"
    else
        not_ok "$desc"
        return 1
    fi
}

# diag TEXT...: comment lines, one or more per argument, each with "# ".
diag()
{
    printf '%s\n' "$@" | sed 's/^/# /'
}

# tap_skip_all REASON: the suite cannot run here; TAP counts it as skipped.
tap_skip_all()
{
    valgrind_abandon
    printf '1..0 # SKIP %s\n' "$*"
    exit 0
}

# tap_bail REASON: the harness itself broke; no result can be trusted.
tap_bail()
{
    printf 'Bail out! %s\n' "$*"
    valgrind_abandon
    exit 1
}

# tap_done: print the plan (after valgrind's line, under valgrind); the
# exit status is 1 when any check failed or none ran (an empty run proves
# nothing).
tap_done()
{
    valgrind_report
    printf '1..%d\n' "$TAP_COUNT"
    [ "$TAP_FAILED" -eq 0 ] && [ "$TAP_COUNT" -gt 0 ]
}
