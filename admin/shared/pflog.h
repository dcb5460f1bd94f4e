/* pflog.h - Postfix SMTP client lines: "... TLS connection established
 * to HOST[ADDR]:PORT: ..." and "QUEUEID: to=<...>, relay=..., status=...",
 * joined into one delivery with the TLS it went over. */
#ifndef FT_PFLOG_H
#define FT_PFLOG_H

#include <stdbool.h>

#include "domain.h"
#include "logline.h"
#include "outbound.h"

#define PFLOG_TEXT 512
#define PFLOG_SESSIONS 1024         /* smtp processes remembered at once */

struct pf_tls {
    bool encrypted;
    enum ft_trust trust;
    char version[32];
    char cipher[128];
};

struct pf_delivery {
    char domain[FT_DOMAIN_MAX];     /* of the recipient */
    char relay[PFLOG_TEXT];
    char status[16];                /* sent, deferred, bounced, ... */
    char text[PFLOG_TEXT];          /* Postfix's reason in parentheses */
    struct pf_tls tls;
};

struct pflog;

struct pflog *pflog_new(void);
void pflog_free(struct pflog *pl);

enum pf_kind {
    PF_OTHER,                       /* not an smtp(8) line we read */
    PF_TLS,                         /* "TLS connection established" */
    PF_DELIVERY,                    /* a delivery, in *out */
};

/* Feed one line. Sessions are told apart by host and pid, so the logs of
 * several hosts may be fed together. */
enum pf_kind pflog_feed(struct pflog *pl, const struct log_line *ll,
                        struct pf_delivery *out);

#endif
