/* report_opts.c - forcetls report's options. --until DATE without a time
 * means to the end of that day, as a person reading "until June 30"
 * expects; with a time, up to that moment. */
#include <getopt.h>
#include <string.h>
#include <sysexits.h>

#include "logline.h"
#include "report_opts.h"
#include "tool.h"

#define DATE_HINT "want YYYY-MM-DD or \"YYYY-MM-DD HH:MM[:SS]\""

static int parse_date(const char *opt, const char *text, bool end_of_day,
                      time_t *out)
{
    if (!logline_parse_date(text, out))
        return tool_usage("report", REPORT_SYNOPSIS, "%s \"%s\": " DATE_HINT,
                          opt, text);
    if (end_of_day && strlen(text) == 10) {
        struct tm tm;

        localtime_r(out, &tm);
        tm.tm_mday++;
        tm.tm_isdst = -1;
        *out = mktime(&tm);
    }
    return EX_OK;
}

int report_parse_args(int argc, char **argv, struct report_opts *o,
                      struct report *r)
{
    static const struct option long_opts[] = {
        { "since", required_argument, NULL, 's' },
        { "until", required_argument, NULL, 'u' },
        { "by", required_argument, NULL, 'b' },
        { "json", no_argument, NULL, 'j' },
        { "html", required_argument, NULL, 'h' },
        { "csv", required_argument, NULL, 'v' },
        TOOL_HELP_OPTION,
        { NULL, 0, NULL, 0 },
    };
    int ch, rc = EX_OK;

    o->conf_path = CONF_DEFAULT_PATH;
    r->pc.by = PERIOD_DAY;
    while (rc == EX_OK
           && (ch = getopt_long(argc, argv, "c:", long_opts, NULL)) != -1) {
        if (ch == 'c')
            o->conf_path = optarg;
        else if (ch == 's')
            r->has_since = (rc = parse_date("--since", optarg, false,
                                            &r->since)) == EX_OK;
        else if (ch == 'u')
            r->has_until = (rc = parse_date("--until", optarg, true,
                                            &r->until)) == EX_OK;
        else if (ch == 'b' && !period_by_parse(optarg, &r->pc.by))
            rc = tool_usage("report", REPORT_SYNOPSIS, "--by \"%s\": want "
                            "day, week or month", optarg);
        else if (ch == 'b')
            r->has_by = true;
        else if (ch == 'j')
            o->json = true;
        else if (ch == 'h')
            o->html = optarg;
        else if (ch == 'v')
            o->csv = optarg;
        else if (ch == TOOL_OPT_HELP)
            rc = tool_help("report", REPORT_SYNOPSIS);
        else
            rc = tool_usage("report", REPORT_SYNOPSIS, NULL);
    }
    if (rc == EX_OK && r->has_since && r->has_until && r->until <= r->since)
        rc = tool_usage("report", REPORT_SYNOPSIS, "--until is not after "
                        "--since");
    return rc;
}
