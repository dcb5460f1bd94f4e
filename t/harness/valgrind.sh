# valgrind.sh - the programs under test run under valgrind's memcheck when
# FT_VALGRIND holds the valgrind command (t/run --valgrind sets it, with
# --error-exitcode, the leak kinds that count and the suppressions); empty
# or unset, nothing changes.  Sourced by tap.sh.  The reports go to a
# directory of their own under TMPDIR, removed once read.
#
# A suite runs PROGRAM as $(valgrind_wrap PROGRAM): the program itself, or
# a script that execs it under valgrind (same pid, so signals and pid files
# work as before) with a report file of its own per process.  tap_done
# stops the suite's daemons (their leak check runs at exit) and turns the
# reports into one TAP line: a process with an error, or one that ended
# without valgrind's summary (killed) unless the suite killed it on
# purpose (valgrind_killed), fails it.

VALGRIND_DIR=
if [ -n "${FT_VALGRIND:-}" ]; then
    VALGRIND_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ft-valgrind.XXXXXX") ||
        { echo 'Bail out! valgrind.sh: mktemp -d failed'; exit 1; }
    chmod 755 "$VALGRIND_DIR"
fi

# valgrind_on: the programs run under valgrind.
valgrind_on()
{
    [ -n "$VALGRIND_DIR" ]
}

# valgrind_wrap PROGRAM: the path to run instead of PROGRAM (PROGRAM
# itself unless valgrind_on).
valgrind_wrap()
{
    local name wrapper
    if ! valgrind_on; then
        printf '%s\n' "$1"
        return
    fi
    name=$(basename "$1")
    mkdir -p "$VALGRIND_DIR/bin" || return 1
    wrapper=$VALGRIND_DIR/bin/$name
    # A wrapper with the program's own name: usage lines and transcripts
    # name the program, not the wrapper (valgrind runs the real path).
    printf '#!/bin/sh\nexec %s --log-file=%q %q "$@"\n' "$FT_VALGRIND" \
        "$VALGRIND_DIR/$name.%p.vg" "$1" > "$wrapper" &&
        chmod 755 "$wrapper" || return 1
    printf '%s\n' "$wrapper"
}

# valgrind_killed PID: the suite kills PID with SIGKILL on purpose; its
# report has no summary then, and only errors it shows before count.
valgrind_killed()
{
    valgrind_on || return 0
    : > "$VALGRIND_DIR/killed.$1"
}

# valgrind_verdict REPORT: "ok", "killed" (on purpose, no error before),
# or what is wrong with it.
valgrind_verdict()
{
    local pid
    if grep -q 'ERROR SUMMARY: ' "$1"; then
        if grep -q 'ERROR SUMMARY: 0 errors ' "$1"; then
            echo ok
        else
            echo "errors"
        fi
        return
    fi
    pid=${1%.vg}
    pid=${pid##*.}
    # An error report always has a stack ("at 0x..."); the header none.
    if [ -e "$VALGRIND_DIR/killed.$pid" ] && ! grep -q '  at 0x' "$1"; then
        echo killed
    else
        echo "no summary: the process was killed or is still running"
    fi
}

# valgrind_report: one TAP line for every report this suite's processes
# wrote (nothing unless valgrind_on).
valgrind_report()
{
    local f v i n=0 killed=0 bad=() why=() what
    valgrind_on || return 0
    # Daemons still running write their leak summary when they stop.
    if declare -F daemon_stop_all > /dev/null; then
        daemon_stop_all
    fi
    for f in "$VALGRIND_DIR"/*.vg; do
        [ -e "$f" ] || continue
        n=$((n + 1))
        v=$(valgrind_verdict "$f")
        case $v in
            ok) ;;
            killed) killed=$((killed + 1)) ;;
            *) bad+=("$f"); why+=("$v") ;;
        esac
    done
    what="$n processes"
    [ "$killed" -eq 0 ] || what="$what ($killed killed on purpose)"
    if [ "$n" -eq 0 ]; then
        ok "valgrind: no errors # SKIP nothing here ran under valgrind"
    elif [ ${#bad[@]} -eq 0 ]; then
        ok "valgrind: no errors in $what"
    else
        not_ok "valgrind: no errors in $what"
        for i in "${!bad[@]}"; do
            f=${bad[$i]}
            diag "--- $(basename "$f"): ${why[$i]}" "$(cat "$f")"
        done
    fi
    rm -rf "$VALGRIND_DIR"
    VALGRIND_DIR=
}

# valgrind_abandon: the suite ends early (skipped, or bailed out: then a
# daemon that died may have said why); show every report with an error
# so far and drop the directory.
valgrind_abandon()
{
    local f
    valgrind_on || return 0
    for f in "$VALGRIND_DIR"/*.vg; do
        [ -e "$f" ] && grep -q '  at 0x' "$f" &&
            diag "--- $(basename "$f")" "$(cat "$f")"
    done
    rm -rf "$VALGRIND_DIR"
    VALGRIND_DIR=
}
