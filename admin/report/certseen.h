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
    unsigned long seq;                /* number of its latest sighting */
    bool prev_timed;                  /* the span before that sighting */
    time_t prev_first, prev_last;
};

/* Where a sighting was counted, so that the other daemon's line for the
 * same message can correct it: item SIZE_MAX when it was none. */
struct cert_credit {
    size_t item;
    unsigned long seq;
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
    unsigned long seq;                /* sightings so far */
};

/* One sighting (lines in time order), counted where *credit says (when
 * credit is not NULL); -1 when out of memory. subject and issuer are the
 * verified CNs ("" when not verified), fp the certificate fingerprint (""
 * from the milter). A sighting without any of them is not one. A line
 * without a fingerprint is taken for the certificate of those names seen
 * last. */
int certseen_add(struct certseen *cs, const char *subject, const char *issuer,
                 const char *fp, bool timed, time_t when, const char *host,
                 struct cert_credit *credit);

/* The other daemon's line for a message already counted where credit
 * says: a fingerprint the first line lacked tells which certificate it
 * was. The names' certificate learns it, or the sighting moves to the
 * certificate it names (a new one is a change). -1 when out of memory. */
int certseen_refine(struct certseen *cs, const struct cert_credit *credit,
                    const char *subject, const char *issuer, const char *fp,
                    bool timed, time_t when, const char *host);

void certseen_free(struct certseen *cs);

#endif
