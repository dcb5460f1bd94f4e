# dns.sh - a suite's own DNS: network and mount namespaces of its own
# (unshare -n -m), so that 127.0.0.1:53 and /etc/resolv.conf are the
# suite's, and unbound answering there from zones the suite writes. The
# machine's resolver is never seen or changed. Source after tap.sh and
# workdir.sh.

# dns_usable: this shell may make those namespaces (root, and a kernel
# and container that allow it), and unbound is installed.
dns_usable()
{
    command -v unshare > /dev/null && command -v unbound > /dev/null \
        && unshare -n -m true 2> /dev/null
}

# dns_enter: run the calling suite again inside new namespaces (once);
# there, loopback is up and resolv.conf names 127.0.0.1 only.
dns_enter()
{
    if [ "${FT_DNS_INNER:-}" != 1 ]; then
        FT_DNS_INNER=1 top_srcdir=$top_srcdir top_builddir=$top_builddir \
            exec unshare -n -m bash "$0" "$@"
    fi
    ip link set lo up || return 1
    mount --make-rprivate / || return 1
    DNS_RESOLV=$(mktemp) || return 1
    printf 'nameserver 127.0.0.1\noptions attempts:1 timeout:3\n' \
        > "$DNS_RESOLV"
    chmod 644 "$DNS_RESOLV"
    mount --bind "$DNS_RESOLV" /etc/resolv.conf
}

# dns_start DIR CONF...: unbound on 127.0.0.1:53 with DIR its working
# directory, the given lines added to its server: clause (local-zone:,
# local-data: ...); waits until it serves. Stopped at exit.
dns_start()
{
    local dir=$1 tries=100
    shift
    mkdir -p "$dir" || return 1
    {
        printf 'server:\n'
        printf '    %s\n' "interface: 127.0.0.1" "port: 53" \
            "do-daemonize: no" "username: \"\"" "chroot: \"\"" \
            "directory: \"$dir\"" "pidfile: \"\"" "use-syslog: no" \
            "logfile: \"$dir/unbound.log\"" "verbosity: 1" \
            "do-ip6: no" "access-control: 127.0.0.0/8 allow" \
            "module-config: \"iterator\"" "$@"
    } > "$dir/unbound.conf"
    unbound -c "$dir/unbound.conf" &
    DNS_PID=$!
    on_exit kill "$DNS_PID"
    until grep -q 'start of service' "$dir/unbound.log" 2>/dev/null; do
        kill -0 "$DNS_PID" 2>/dev/null && [ "$tries" -gt 0 ] || return 1
        sleep 0.1
        tries=$((tries - 1))
    done
}
