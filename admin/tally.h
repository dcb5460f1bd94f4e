/* tally.h - how often each value was seen (TLS versions, ciphers,
 * reasons), listed most frequent first. */
#ifndef FT_TALLY_H
#define FT_TALLY_H

#include <stddef.h>

struct tally_item {
    char *value;
    unsigned long count;
};

struct tally {
    struct tally_item *v;
    size_t n;
};

/* Count value once more; -1 when out of memory. */
int tally_add(struct tally *t, const char *value);

/* Most frequent first, ties by value, so output is stable. */
void tally_sort(struct tally *t);

void tally_free(struct tally *t);

#endif
