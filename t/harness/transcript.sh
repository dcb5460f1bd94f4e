# transcript.sh - command transcripts compared with a reference, the way
# Postfix compares smtpd_check output with smtpd_check.ref.  Source after
# t/harness/tap.sh.
#
# An .in file holds cases: a line "### NAME" starts one, the lines after it
# are shell commands (comments and blank lines skipped).  Each command runs
# with stdout and stderr captured; the transcript of a case is
#     ### NAME
#     $ COMMAND
#     OUTPUT
#     [exit STATUS]
# and each case is one TAP result: its transcript equals the case of that
# name in the .ref file.  TRANSCRIPT_FILTER, if set, is a sed script run
# over the output (to replace scratch paths and dates with fixed words).
# FT_REGEN=1 writes the .ref instead (review it before committing).

# transcript_case_of FILE NAME: the lines of case NAME in FILE.
transcript_case_of()
{
    awk -v name="### $2" '
        /^### / { on = ($0 == name) }
        on { print }
    ' "$1"
}

# transcript_run IN REF: run every case of IN, compare with REF.
transcript_run()
{
    local in=$1 ref=$2 out name line status
    out=$(mktemp "${TMPDIR:-/tmp}/transcript.XXXXXX") || return 1
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in
            '### '*) printf '%s\n' "$line" ;;
            ''|'#'*) ;;
            *)
                printf '$ %s\n' "$line"
                eval "$line" > "$out.cmd" 2>&1
                status=$?
                sed -e "${TRANSCRIPT_FILTER:-}" "$out.cmd"
                printf '[exit %d]\n' "$status"
                ;;
        esac
    done < "$in" > "$out"
    if [ "${FT_REGEN:-0}" = 1 ]; then
        cp "$out" "$ref"
        diag "wrote $ref"
    fi
    while IFS= read -r name; do
        name=${name#'### '}
        if diff -u <(transcript_case_of "$ref" "$name") \
            <(transcript_case_of "$out" "$name") > "$out.diff"; then
            ok "$name"
        else
            not_ok "$name"
            diag "transcript differs from $(basename "$ref") (- want, + got):" \
                "$(cat "$out.diff")"
        fi
    done < <(grep '^### ' "$out")
    rm -f "$out" "$out.cmd" "$out.diff"
}
