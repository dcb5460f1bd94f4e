#!/bin/bash
# policyd-load.sh - requests per second and latency of forcetls-policyd at
# 1, 8 and 64 concurrent connections, against a trivial always-DUNNO server
# measured in the same run, and their ratio.  Loopback unix sockets only;
# each measurement lasts SECONDS (default 3).
#
#   bench/policyd-load.sh [BUILDDIR] [SECONDS]
#
# The request is a partner's RCPT over TLS 1.3 with a verified certificate
# that passes its connector, so the daemon makes the whole decision and
# formats its verdict line (written to /dev/null) every time.
set -eu

build=${1:-.}
seconds=${2:-3}
policyd=$build/policyd/forcetls-policyd
load=$build/bench/policyd-load

make -C "$build" bench/policyd-load policyd/forcetls-policyd > /dev/null
dir=$(mktemp -d "${TMPDIR:-/tmp}/policyd-load.XXXXXX")
pids=()
cleanup()
{
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT

# write_conf FILE: the partner's connector among 200 others, so that the
# lookups are not trivially small.
write_conf()
{
    local i
    cat > "$1" <<CONF
log_passes = true
policyd {
    policy_listen = { "unix:$dir/policy.sock" }
    tlsmap_listen = { "unix:$dir/tlsmap.sock" }
    socket_group = ""
}
connector contoso-in {
    direction = inbound
    sender_domains = { "contoso.example", "*.contoso.example" }
    client_addresses = { "192.0.2.0/24" }
    min_tls_version = "TLSv1.2"
    require_forward_secrecy = true
    min_cipher_bits = 128
    certificate_names = { "mail.contoso.example" }
    certificate_issuers = { "Contoso CA" }
}
connector secure-rcpt {
    direction = inbound
    recipient_domains = { "secure.test.example" }
}
CONF
    for i in $(seq 1 200); do
        printf 'connector p%d-in {\n    direction = inbound\n' "$i"
        printf '    sender_domains = { "partner%d.example" }\n}\n' "$i"
    done >> "$1"
}

# write_request FILE: what Postfix 3.7 sends at RCPT, attribute for
# attribute.
write_request()
{
    printf '%s\n' request=smtpd_access_policy protocol_state=RCPT \
        protocol_name=ESMTP client_address=192.0.2.5 \
        client_name=mail.contoso.example \
        reverse_client_name=mail.contoso.example \
        helo_name=mail.contoso.example sender=alice@contoso.example \
        recipient=bob@test.example recipient_count=0 queue_id= \
        instance=1234.5678.9abc.0 size=0 etrn_domain= stress= \
        sasl_method= sasl_username= sasl_sender= \
        ccert_subject=mail.contoso.example ccert_issuer=Contoso+20CA \
        ccert_fingerprint=AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99 \
        ccert_pubkey_fingerprint=01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F:20 \
        encryption_protocol=TLSv1.3 \
        encryption_cipher=TLS_AES_256_GCM_SHA384 encryption_keysize=256 \
        policy_context= server_address=192.0.2.1 server_port=25 '' > "$1"
}

# Servers on one CPU, the client on another, when there are two: left to
# the scheduler, a ping-pong of one connection varies fourfold run to run.
server_cpu=() client_cpu=()
if command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then
    server_cpu=(taskset -c 0)
    client_cpu=(taskset -c 1)
fi

write_conf "$dir/forcetls.conf"
write_request "$dir/request"
"${server_cpu[@]}" "$policyd" -c "$dir/forcetls.conf" -R -f -l stderr \
    2> "$dir/policyd.log" &
pids+=($!)
"${server_cpu[@]}" "$load" serve "$dir/baseline.sock" &
pids+=($!)
for _ in $(seq 50); do
    [ -S "$dir/policy.sock" ] && [ -S "$dir/baseline.sock" ] && break
    sleep 0.1
done

# The figures mean something only if the daemon decides and passes.
"$load" run "$dir/policy.sock" 1 0.1 "$dir/request" > /dev/null
grep -q 'connector=contoso-in verdict=pass ' "$dir/policyd.log" || {
    echo "policyd-load: the request did not pass its connector:" >&2
    tail -n 3 "$dir/policyd.log" >&2
    exit 1
}
: > "$dir/policyd.log"

pinning=
[ ${#server_cpu[@]} -eq 0 ] || pinning=" (servers on CPU 0, client on CPU 1)"
echo "# $("$policyd" -V), $(nproc) CPUs$pinning, ${seconds} s per" \
    "measurement, closed loop, request of $(wc -c < "$dir/request") bytes"
printf '%-6s %-10s %10s %10s %10s\n' conns server rps p50_us p99_us
for conns in 1 8 64; do
    read -r f_rps f_p50 f_p99 _ <<< "$("${client_cpu[@]}" "$load" run \
        "$dir/policy.sock" "$conns" "$seconds" "$dir/request")"
    read -r b_rps b_p50 b_p99 _ <<< "$("${client_cpu[@]}" "$load" run \
        "$dir/baseline.sock" "$conns" "$seconds" "$dir/request")"
    printf '%-6s %-10s %10s %10s %10s\n' "$conns" forcetls "$f_rps" \
        "$f_p50" "$f_p99" "$conns" baseline "$b_rps" "$b_p50" "$b_p99"
    awk -v c="$conns" -v fr="$f_rps" -v br="$b_rps" -v fp="$f_p99" \
        -v bp="$b_p99" 'BEGIN { printf "%-6s %-10s %10.2f %10s %10.2f\n",
            c, "ratio", fr / br, "", fp / bp }'
done
