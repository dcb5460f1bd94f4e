# smtp.sh - play an SMTP client with swaks and read the server's replies
# back out of its transcript.  Source it.

# smtp_send TRANSCRIPT PORT SWAKS-ARGS...: one SMTP session with
# 127.0.0.1:PORT, its transcript saved in TRANSCRIPT.  swaks exits non-zero
# whenever the server refuses something, which is often the point of a test,
# so only the replies tell success from failure.
smtp_send()
{
    local out=$1 port=$2
    shift 2
    swaks --server "127.0.0.1:$port" --ehlo partner.test.example \
        --timeout 20 "$@" > "$out" 2>&1
    return 0
}

# smtp_reply TRANSCRIPT COMMAND: "CODE X.Y.Z" (or just "CODE" when the reply
# has no enhanced status code) of the server's final reply line to the first
# command that starts with COMMAND ("MAIL FROM", "RCPT TO:<a@b.example>",
# "." for the end of the message data); empty if that command was never sent.
# swaks marks sent lines " -> " (" ~> " under TLS) and replies "<- ", "<~ ",
# "<** " or "<~* " (refusals).
smtp_reply()
{
    awk -v cmd="$2" '
        /^ [-~]> / {
            if (waiting) exit
            sent = substr($0, 5)
            waiting = toupper(substr(sent, 1, length(cmd))) == toupper(cmd)
            next
        }
        waiting && /^<[-~*]/ {
            if (substr($2, 4, 1) == "-")
                next
            reply = substr($2, 1, 3)
            if ($3 ~ /^[245]\.[0-9]+\.[0-9]+$/)
                reply = reply " " $3
            print reply
            exit
        }
    ' "$1"
}

# smtp_dialog TRANSCRIPT: the transcript without the message's lines, for
# diagnostics.
smtp_dialog()
{
    awk '
        body && /^ [-~]> \.$/ { body = 0 }
        !body { print }
        /^<[-~*]/ && $2 ~ /^354/ { body = 1 }
    ' "$1"
}
