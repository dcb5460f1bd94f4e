# workdir.sh - one scratch directory per suite and the exit trap that tears
# down whatever was started in it, on success, failure or interruption.
# Source it, call workdir_init, then register teardown steps with on_exit.

WORKDIR=
WORKDIR_CLEANUP=()

# workdir_init: create $WORKDIR and arm the exit trap.  FT_KEEP=1 keeps the
# directory (logs, configs, mailboxes) for a post-mortem.
workdir_init()
{
    WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/forcetls-e2e.XXXXXX") || return 1
    # mktemp -d makes 0700; Postfix daemons and the milter socket's clients
    # run as user postfix and must traverse it.
    chmod 755 "$WORKDIR"
    trap workdir_teardown EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# on_exit COMMAND...: run COMMAND at exit; later registrations run first, so
# what was started last is stopped first.
on_exit()
{
    local cmd
    printf -v cmd '%q ' "$@"
    WORKDIR_CLEANUP=("$cmd" "${WORKDIR_CLEANUP[@]}")
}

workdir_teardown()
{
    local status=$? cmd
    for cmd in "${WORKDIR_CLEANUP[@]}"; do
        eval "$cmd" || true
    done
    if [ -n "$WORKDIR" ]; then
        if [ "${FT_KEEP:-0}" = 1 ]; then
            echo "# kept $WORKDIR (FT_KEEP=1)"
        else
            rm -rf "$WORKDIR"
        fi
    fi
    exit "$status"
}
