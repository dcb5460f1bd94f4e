/* recent.h - the places of a fixed number of recent items, found by hash:
 * the owner keeps the items in an array of that many, and a new item
 * takes the place of the oldest. Memory does not grow with what is seen,
 * and no item is lost to another that happens to hash near it. */
#ifndef FT_RECENT_H
#define FT_RECENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hashtab.h"

struct recent {
    uint32_t *hashes;           /* of the item in each place */
    size_t cap, next, n;        /* next: the oldest place, taken next */
    struct hashtab index;       /* place + 1 by hash */
};

#define RECENT_NONE ((size_t)-1)

/* Room for cap items; -1 when out of memory. */
int recent_init(struct recent *r, size_t cap);
void recent_free(struct recent *r);

/* The place of an item of hash h for which same(place, arg) holds, or
 * RECENT_NONE. */
size_t recent_find(const struct recent *r, uint32_t h,
                   bool (*same)(size_t place, const void *arg),
                   const void *arg);

/* The place for a new item of hash h: the oldest item's, which is
 * forgotten. Never fails. */
size_t recent_take(struct recent *r, uint32_t h);

#endif
