/* hashtab.h - the one hash table: slots of a 32-bit hash and a 32-bit
 * reference the owner chooses, by open addressing. The owner keeps its
 * keys: a find yields the references whose hash matches, and the owner
 * compares their keys. */
#ifndef FT_HASHTAB_H
#define FT_HASHTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hashtab_slot {
    uint32_t hash;
    uint32_t ref;               /* 0: empty */
};

/* A zeroed struct hashtab is an empty table without a filter. */
struct hashtab {
    struct hashtab_slot *slots; /* nslots, a power of two, or NULL */
    uint64_t *filter;           /* presence bits when filtered */
    size_t nslots, used;
    bool filtered;
};

/* Where a find has got to in the slots. */
struct hashtab_iter {
    const struct hashtab_slot *slots;
    size_t mask, i;
    uint32_t hash;
};

/* An empty table. filtered: keep 4 bits a slot that turn most hashes not
 * in the table away before a slot is read, for a table too big for the
 * cache that is mostly asked for what it lacks. */
void hashtab_init(struct hashtab *t, bool filtered);

/* Free the slots; t is empty again. */
void hashtab_free(struct hashtab *t);

/* Room for n entries in all, so that inserts up to n cannot fail; -1 when
 * out of memory (t unchanged). */
int hashtab_reserve(struct hashtab *t, size_t n);

/* Add (hash, ref), ref non-zero and not in t; -1 when out of memory (t
 * unchanged). */
int hashtab_insert(struct hashtab *t, uint32_t hash, uint32_t ref);

/* The first reference under hash, 0 when none; hashtab_next gives the
 * others. The table must not change while they are read. */
uint32_t hashtab_find(const struct hashtab *t, uint32_t hash,
                      struct hashtab_iter *it);

/* The next reference under the hash of the find, 0 when no more. */
uint32_t hashtab_next(struct hashtab_iter *it);

/* Remove (hash, ref); false when it is not there. */
bool hashtab_remove(struct hashtab *t, uint32_t hash, uint32_t ref);

#endif
