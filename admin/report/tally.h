/* tally.h - how often each value was seen (TLS versions, ciphers,
 * reasons), listed most frequent first. */
#ifndef FT_TALLY_H
#define FT_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct tally_item {
    char *value;
    unsigned long count;
    bool timed;
    time_t first, last;       /* of the sightings with a time */
};

struct tally {
    struct tally_item *v;
    size_t n;
};

/* Count value once more; -1 when out of memory. */
int tally_add(struct tally *t, const char *value);

/* Count value n times more, seen at when (if timed). */
int tally_add_at(struct tally *t, const char *value, unsigned long n,
                 bool timed, time_t when);

/* Widen [*first, *last] (unset while !*timed) to hold when. */
void tally_span(bool *timed, time_t *first, time_t *last, time_t when);

/* Most frequent first, ties by value, so output is stable. */
void tally_sort(struct tally *t);

void tally_free(struct tally *t);

#endif
