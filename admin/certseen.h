/* certseen.h - the certificates one inbound connector's partner showed,
 * each with first and last sighting, and the moments a new one appeared
 * after another: "certificate of contoso-in changed on DATE". */
#ifndef FT_CERTSEEN_H
#define FT_CERTSEEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct cert_item {
    char *subject, *issuer, *fp;      /* fp "" when no line told it */
    bool timed;
    time_t first, last;
    char *first_host;
    unsigned long count;
};

struct cert_change {
    bool timed;
    time_t when;
    char *host;
    size_t from, to;                  /* indices of items */
};

struct certseen {
    struct cert_item *v;
    size_t n;
    struct cert_change *changes;
    size_t nchanges;
    size_t last;                      /* the item seen last, when n > 0 */
};

/* One sighting (lines in time order); -1 when out of memory. subject and
 * issuer are the verified CNs ("" when not verified), fp the certificate
 * fingerprint ("" from the milter). A sighting without any of them is not
 * one. */
int certseen_add(struct certseen *cs, const char *subject, const char *issuer,
                 const char *fp, bool timed, time_t when, const char *host);

void certseen_free(struct certseen *cs);

#endif
