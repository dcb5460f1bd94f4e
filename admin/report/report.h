/* report.h - what forcetls report gathers per connector, per period and
 * per host from mail logs, and its ways of printing it. */
#ifndef FT_REPORT_H
#define FT_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "certseen.h"
#include "conf.h"
#include "hashtab.h"
#include "msgseen.h"
#include "period.h"
#include "tally.h"

/* One period's counts: inbound by enum ft_verdict; outbound sent,
 * deferred, bounced, other. */
struct pcount {
    long key;
    unsigned long v[4];
};

struct rstats {
    const char *name;
    const struct ft_connector *conn;   /* NULL: not in the configuration */
    bool inbound;
    bool seen;
    bool timed;
    time_t first, last;                /* of the lines with a time */
    struct pcount *periods;            /* in period order */
    size_t nperiods;
    /* inbound: the daemons' verdict lines */
    unsigned long verdicts[4];         /* by enum ft_verdict */
    struct tally versions, ciphers, reasons;
    struct certseen certs;
    /* outbound: Postfix's own delivery and TLS lines */
    unsigned long deliveries, sent, deferred, bounced;
    unsigned long would_fail, unjudged;
    unsigned long *untold;             /* without a TLS line, by host */
    size_t nuntold;
    unsigned long tls_none, tls_unknown;
    struct tally out_tls, fail_reasons, unjudged_reasons, postfix_reasons;
};

struct rhost {
    char *name;                        /* "" for lines without one */
    unsigned long lines, verdict_lines, deliveries, tls_lines;
    bool timed;
    time_t first, last;
};

struct report {
    const struct ft_conf *conf;
    struct rstats *v;
    size_t n, cap;
    struct hashtab names;              /* connector names: index in v + 1 */
    struct rhost *hosts;
    size_t nhosts, host_last;
    char *const *files;
    size_t nfiles;
    unsigned long unreadable_files, damaged_files;
    unsigned long lines, verdict_lines, malformed, deliveries;
    unsigned long before_since, after_until;
    unsigned long same_message;        /* lines of a message already counted */
    /* "trusted client" lines (trusted_clients), one per connection each */
    unsigned long trusted_milter, trusted_policyd;
    bool has_since, has_until, has_by;
    time_t since, until;
    bool timed;
    time_t first, last;                /* of all lines counted */
    struct period_cache pc;            /* pc.by: the grouping */
    struct msgseen *msgs;
    bool oom;
};

/* Read the logs (none: standard input) under r's options and
 * configuration, counted per connector, period and host; -1 when memory
 * ran out (r->oom). */
int report_read(struct report *r, char *const *files, size_t n, time_t now);

/* Free what report_read() gathered. */
void report_free(struct report *r);

/* Times as the report prints them: "YYYY-MM-DD HH:MM:SS", local time. */
void report_time(time_t t, char *buf, size_t len);

/* "contoso-in: 12,408 messages, 100.0% met every requirement; ..." */
void report_compliance(const struct rstats *s, char *buf, size_t len);

/* "certificate of contoso-in changed on DATE (host mx2): subject ... ,
 * issuer X -> Y, fingerprint A -> B" */
void report_change_text(const struct rstats *s, const struct cert_change *c,
                        char *buf, size_t len);

/* The period's label for the report's grouping. */
const char *report_by_name(const struct report *r);

void report_print_text(const struct report *r, FILE *fp);
void report_print_json(const struct report *r, FILE *fp);
/* 0, or -1 with errno when the file cannot be written. */
int report_write_html(const struct report *r, const char *path);
/* The tables as CSV files in dir (made if missing); 0 or -1 with a
 * message in err. */
int report_write_csv(const struct report *r, const char *dir, char *err,
                     size_t errlen);

#endif
