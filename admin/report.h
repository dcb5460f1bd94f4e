/* report.h - what forcetls report gathers per connector from mail logs,
 * and its two ways of printing it. */
#ifndef FT_REPORT_H
#define FT_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "conf.h"
#include "msgseen.h"
#include "tally.h"

struct rstats {
    const char *name;
    const struct ft_connector *conn;   /* NULL: not in the configuration */
    bool inbound;
    /* inbound: the daemons' verdict lines */
    unsigned long verdicts[4];         /* by enum ft_verdict */
    struct tally versions, ciphers, reasons;
    bool seen;
    time_t first, last;                /* of the lines with a time */
    bool timed;
    /* outbound: Postfix's own delivery and TLS lines */
    unsigned long deliveries, sent, deferred, bounced;
    unsigned long would_fail, unjudged;
    struct tally out_tls, fail_reasons, unjudged_reasons, postfix_reasons;
};

struct report {
    const struct ft_conf *conf;
    struct rstats *v;
    size_t n;
    unsigned long files, unreadable_files, damaged_files;
    unsigned long lines, verdict_lines, malformed, deliveries, before_since;
    unsigned long same_message;        /* lines of a message already counted */
    struct msgseen *msgs;
    /* "trusted client" lines (trusted_clients), one per connection each */
    unsigned long trusted_milter, trusted_policyd;
    bool has_since;
    time_t since;
    bool oom;
};

void report_print_text(const struct report *r, FILE *fp);
void report_print_json(const struct report *r, FILE *fp);

#endif
