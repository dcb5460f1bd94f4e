/* strmap.h - names to small numbers by hash, so that a per-line lookup
 * (a connector named in a verdict line) costs the same with 10 names or
 * 100,000. */
#ifndef FT_STRMAP_H
#define FT_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap {
    char **keys;
    size_t *vals;
    size_t cap, n;
};

/* True with *val set when key is in the map. */
bool strmap_get(const struct strmap *m, const char *key, size_t *val);

/* Add key (copied) with val; -1 when out of memory. key must be new. */
int strmap_put(struct strmap *m, const char *key, size_t val);

void strmap_free(struct strmap *m);

#endif
