/* report_opts.h - forcetls report's command line. */
#ifndef FT_REPORT_OPTS_H
#define FT_REPORT_OPTS_H

#include <stdbool.h>

#include "report.h"

#define REPORT_SYNOPSIS "[-c FILE] [--since DATE] [--until DATE] " \
    "[--by day|week|month] [--json] [--html FILE] [--csv DIR] [LOGFILE...]"

struct report_opts {
    const char *conf_path;
    const char *html, *csv;
    bool json;
};

/* Options into o and r's period settings; EX_OK, or EX_USAGE said. */
int report_parse_args(int argc, char **argv, struct report_opts *o,
                      struct report *r);

#endif
