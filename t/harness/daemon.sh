# daemon.sh - run a foreground daemon (forcetls-milter -f, forcetls-policyd
# -f) in the background of a test, wait until it listens, signal it, and
# make sure it is stopped at exit.  Source after workdir.sh.

DAEMON_PIDFILES=()

# valgrind_on comes with tap.sh (valgrind.sh); a script that does not
# source it (bench/run) never runs its daemons under valgrind.
declare -F valgrind_on > /dev/null || valgrind_on() { return 1; }

# daemon_start PIDFILE LOGFILE COMMAND...: start COMMAND with its output
# appended to LOGFILE; it is stopped at exit whatever happens.
daemon_start()
{
    local pidfile=$1 log=$2
    shift 2
    "$@" >> "$log" 2>&1 &
    echo $! > "$pidfile"
    DAEMON_PIDFILES+=("$pidfile")
    on_exit daemon_stop "$pidfile"
}

# daemon_running PIDFILE: the daemon is alive.
daemon_running()
{
    kill -0 "$(cat "$1")" 2>/dev/null
}

# daemon_signal PIDFILE SIGNAL: send SIGNAL (USR1, TERM...) to the daemon.
daemon_signal()
{
    kill -s "$2" "$(cat "$1")"
}

# daemon_stop PIDFILE: SIGTERM, then SIGKILL after ten seconds (libmilter
# looks for a stop request only every five; under valgrind, thirty: its
# leak check at exit takes a while).  Returns the daemon's exit status as
# wait reports it (128+N: killed by signal N), also when it had died
# before.  Stopping a stopped daemon does nothing.
daemon_stop()
{
    local pid tries=100
    valgrind_on && tries=300
    pid=$(cat "$1" 2>/dev/null)
    [ -n "$pid" ] || return 0
    : > "$1"
    kill -TERM "$pid" 2>/dev/null
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    wait "$pid"
}

# daemon_stop_all: stop every daemon daemon_start started (tap_done does
# it under valgrind, so that their reports are complete).
daemon_stop_all()
{
    local pidfile
    for pidfile in ${DAEMON_PIDFILES[@]+"${DAEMON_PIDFILES[@]}"}; do
        daemon_stop "$pidfile"
    done
}

# daemon_wait_socket PIDFILE PATH SECONDS: wait until the daemon has created
# the unix socket PATH; fails at once if the daemon dies first.
daemon_wait_socket()
{
    local tries=$(($3 * 10))
    until [ -S "$2" ]; do
        daemon_running "$1" && [ "$tries" -gt 0 ] || return 1
        sleep 0.1
        tries=$((tries - 1))
    done
}

# raise_fd_limit N: at least N open files for this shell and its children.
raise_fd_limit()
{
    local hard
    hard=$(ulimit -Hn)
    if [ "$hard" != unlimited ] && [ "$hard" -lt "$1" ]; then
        ulimit -Hn "$1" || return 1
    fi
    ulimit -Sn "$1"
}

# sanitized BINARY: true when BINARY was built with AddressSanitizer
# (t/run --sanitizers), which makes it run a few times slower.
sanitized()
{
    ldd "$1" 2> /dev/null | grep -q libasan
}
