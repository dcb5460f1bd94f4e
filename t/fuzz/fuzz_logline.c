/* fuzz_logline.c - mail log lines as forcetls report reads them: syslog
 * framing in each time format, verdict lines and Postfix SMTP client
 * lines, one line at a time as from a file. */
#include "fuzz.h"
#include "logline.h"
#include "logparse.h"
#include "pflog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size), *line = s, *next;
    struct pflog *pl = pflog_new();
    struct log_line ll;
    struct verdict_line v;
    struct pf_delivery d;
    time_t when;

    if (pl == NULL)
        abort();
    for (; line != NULL; line = next) {
        if ((next = strchr(line, '\n')) != NULL)
            *next++ = '\0';
        (void)logline_parse_date(line, &when);
        if (!logline_split(line, 1748772001, &ll))
            continue;
        FUZZ_CHECK(ll.text >= line && ll.text <= line + strlen(line));
        if (logparse_verdict(ll.text, &v))
            FUZZ_CHECK(v.connector[0] != '\0' && v.verdict[0] != '\0');
        (void)pflog_feed(pl, &ll, &d);
    }
    pflog_free(pl);
    free(s);
    return 0;
}
