# postfix.sh - a private Postfix instance for end-to-end tests, entirely under
# one directory, listening on loopback only, delivering into Maildirs the test
# can read.  Source it; run as root (postfix start needs it).
#
# Layout of an instance DIR:
#   DIR/etc      config_directory (main.cf, master.cf, vmailbox)
#   DIR/queue    queue_directory (postfix start creates the subdirectories)
#   DIR/data     data_directory, owned by the mail owner
#   DIR/log      maillog_file's directory: DIR/log/maillog
#   DIR/mail     virtual_mailbox_base: one Maildir per domain, DIR/mail/DOMAIN
#
# No message ever leaves the instance: anything not for one of its domains
# goes to the error transport.

# pf_create DIR PKIDIR DOMAIN...: write a stopped instance that accepts mail
# for every user at the DOMAINs.  PKIDIR holds server.{crt,key} and ca.crt
# (see pki.sh); clients presenting a certificate from ca.crt are "verified".
pf_create()
{
    local dir=$1 pki=$2
    shift 2
    mkdir -p "$dir/etc" "$dir/queue" "$dir/data" "$dir/log" "$dir/mail" &&
        chmod 755 "$dir" &&
        chown postfix: "$dir/data" "$dir/mail" &&
        pf_write_main_cf "$dir" "$pki" "$@" &&
        pf_write_master_cf "$dir" &&
        pf_write_vmailbox "$dir" "$@"
}

# pf_write_vmailbox DIR DOMAIN...: one Maildir per domain, for any user;
# Postfix forbids $1 substitutions in mailbox tables, and virtual(8) writes
# a Delivered-To: header that tells the recipients apart.
pf_write_vmailbox()
{
    local dir=$1 domain
    shift
    for domain in "$@"; do
        printf '/@%s$/ %s/\n' "${domain//./\\.}" "$domain"
    done > "$dir/etc/vmailbox"
}

pf_write_main_cf()
{
    local dir=$1 pki=$2
    shift 2
    cat > "$dir/etc/main.cf" <<EOF
# Written by t/harness/postfix.sh for a test; removed with the test directory.
# 3.6 also makes ccert fingerprints sha256, as on a stock Debian main.cf.
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file = $dir/log/maillog
maillog_file_prefixes = $dir/log

myhostname = mx.test.example
# Every domain is virtual: no local(8) delivery, so no aliases either.
mydestination =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
# Loopback clients must not wait for DNS.
smtpd_peername_lookup = no

virtual_mailbox_domains = $*
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = regexp:$dir/etc/vmailbox
virtual_uid_maps = static:$(id -u postfix)
virtual_gid_maps = static:$(id -g postfix)
default_transport = error:5.3.0 test instance delivers nothing outside
relay_transport = \$default_transport

smtpd_tls_security_level = may
smtpd_tls_chain_files = $pki/server.key, $pki/server.crt
smtpd_tls_CAfile = $pki/ca.crt
smtpd_tls_ask_ccert = yes
# Logs "Trusted/Untrusted/Anonymous TLS connection established" per session.
smtpd_tls_loglevel = 1
# A kept mailbox shows how each message arrived.
smtpd_tls_received_header = yes

# A milter that is down must not let partner mail through unchecked.
milter_default_action = tempfail
EOF
}

pf_write_master_cf()
{
    # No chroot anywhere, so that smtpd reaches unix:/absolute/path sockets.
    cat > "$1/etc/master.cf" <<'EOF'
# Written by t/harness/postfix.sh; pf_add_smtpd appends the smtpd services.
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

# pf_add_smtpd DIR [ADDR:]PORT [-o NAME=VALUE]...: an SMTP service on
# ADDR:PORT (default 127.0.0.1) with its own parameter overrides, e.g.
# -o smtpd_milters=unix:/path/sock.  Add services before pf_start.
pf_add_smtpd()
{
    local dir=$1 listen=$2
    shift 2
    # Another loopback address plays a second host (a partner's MX).
    case $listen in *:*) ;; *) listen=127.0.0.1:$listen ;; esac
    {
        printf '%s inet n - n - - smtpd\n' "$listen"
        while [ $# -ge 2 ] && [ "$1" = -o ]; do
            # master.cf's { } form keeps a value with spaces one argument.
            case $2 in
                *[[:space:]]*) printf '  -o { %s }\n' "$2" ;;
                *) printf '  -o %s\n' "$2" ;;
            esac
            shift 2
        done
    } >> "$dir/etc/master.cf"
    if [ $# -ne 0 ]; then
        echo "pf_add_smtpd: expected -o NAME=VALUE pairs, got: $*" >&2
        return 1
    fi
}

# pf_ports DIR: the TCP ports of the instance's smtpd services.
pf_ports()
{
    awk '$2 == "inet" && $1 !~ /^#/ { sub(/.*:/, "", $1); print $1 }' "$1/etc/master.cf"
}

# pf_endpoints DIR: ADDR:PORT of each of the instance's smtpd services; one
# named by its port alone listens on inet_interfaces (127.0.0.1 here).
pf_endpoints()
{
    awk '$2 == "inet" && $1 !~ /^#/ {
        print ($1 ~ /:/ ? "" : "127.0.0.1:") $1
    }' "$1/etc/master.cf"
}

# pf_start DIR: start the instance and wait until every service greets.
# A port that already answers belongs to someone else (another suite, a
# leftover instance): the test would talk to the wrong server.
pf_start()
{
    local dir=$1 ep
    for ep in $(pf_endpoints "$dir"); do
        if pf_port_answers "${ep##*:}" "${ep%:*}"; then
            echo "pf_start: $ep is already in use" >&2
            return 1
        fi
    done
    postfix -c "$dir/etc" start || return 1
    for ep in $(pf_endpoints "$dir"); do
        pf_wait_banner "${ep##*:}" 10 "${ep%:*}" || {
            echo "pf_start: nothing answers on $ep" >&2
            return 1
        }
    done
}

# pf_port_answers PORT [HOST]: something accepts connections on
# HOST:PORT (default 127.0.0.1).
pf_port_answers()
{
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$2/$1"' _ "$1" "${2:-127.0.0.1}" \
        2>/dev/null
}

# pf_wait_banner PORT SECONDS [HOST]: wait for an SMTP greeting on HOST:PORT
# (default 127.0.0.1).
# The master listens as soon as it runs; the greeting proves smtpd starts.
pf_wait_banner()
{
    local port=$1 tries=$(($2 * 10)) host=${3:-127.0.0.1} line
    while [ "$tries" -gt 0 ]; do
        line=$(timeout 2 bash -c \
            'exec 3<>"/dev/tcp/$2/$1" && read -r l <&3 && echo "$l"' \
            _ "$port" "$host" 2>/dev/null)
        case $line in 220*) return 0 ;; esac
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

# pf_reload DIR: postfix reload, then wait until every process of the old
# configuration has gone ("running processes terminate at their earliest
# convenience"), so that the next session or delivery uses the new one.
pf_reload()
{
    local dir=$1 master old pid tries=100
    master=$(tr -d ' ' < "$dir/queue/pid/master.pid")
    old=$(pgrep -P "$master")
    postfix -c "$dir/etc" reload 2>/dev/null || return 1
    for pid in $old; do
        while kill -0 "$pid" 2>/dev/null; do
            [ "$tries" -gt 0 ] || return 1
            sleep 0.1
            tries=$((tries - 1))
        done
    done
}

# pf_stop DIR: stop the instance, if it runs, and wait for its master to go,
# so that the directory can be removed under it.
pf_stop()
{
    local dir=$1 pid tries=100
    pid=$(cat "$dir/queue/pid/master.pid" 2>/dev/null | tr -d ' ')
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    postfix -c "$dir/etc" stop 2>/dev/null
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done
    ! kill -0 "$pid" 2>/dev/null
}

# pf_maillog DIR: the instance's mail log file.
pf_maillog()
{
    echo "$1/log/maillog"
}

# pf_expect_queue_id DESC DIR LINE SENDER: TAP ok when LINE (one forcetls
# verdict line) starts with a queue id under which the instance in DIR
# logged SENDER's message ("QUEUEID: from=<SENDER>").
pf_expect_queue_id()
{
    local qid
    qid=$(sed -n 's/^.*forcetls-[a-z]*\[[0-9]*\]: \([0-9A-Za-z]*\): connector=.*/\1/p' <<< "$3")
    if [ -n "$qid" ] && [ "$qid" != NOQUEUE ] &&
        grep -qE "postfix[^ ]*\[[0-9]+\]: $qid: from=<$4>" "$2/log/maillog"; then
        ok "$1"
    else
        not_ok "$1"
        diag "line: ${3:-(none)}" "Postfix logged:" \
            "$(grep -F "from=<$4>" "$2/log/maillog")"
    fi
}

# pf_mailbox_has DIR ADDRESS TEXT: a message holding TEXT has been delivered
# to ADDRESS.
pf_mailbox_has()
{
    local dir=$1 address=$2 text=$3 file
    for file in "$dir/mail/${address#*@}/new"/*; do
        [ -f "$file" ] || continue
        grep -qixF -- "Delivered-To: $address" "$file" &&
            grep -qF -- "$text" "$file" && return 0
    done
    return 1
}

# pf_wait_delivered DIR ADDRESS TEXT [SECONDS]: wait until a message holding
# TEXT is delivered to ADDRESS (queueing and delivery are asynchronous).
pf_wait_delivered()
{
    local tries=$((${4:-10} * 10))
    until pf_mailbox_has "$1" "$2" "$3"; do
        [ "$tries" -gt 0 ] || return 1
        sleep 0.1
        tries=$((tries - 1))
    done
}
