/* hashtab.c - open addressing with linear probing, never more than half
 * full, so that a probe is short and always ends at an empty slot; a
 * removal shifts the slots after it back, so that no tombstone lengthens
 * later probes. */
#include <stdlib.h>
#include <string.h>

#include "hashtab.h"

#define HASHTAB_MIN_SLOTS 16
#define SLOTS_PER_WORD 16       /* slots a filter word stands for */

/* Three bits of a word stand for a hash; the multiplication takes them
 * from all its bits, not only the low ones that chose the word. */
static uint64_t filter_bits(uint32_t hash)
{
    uint32_t h = hash * 0x9e3779b1u;

    return 1ULL << (h >> 26) | 1ULL << (h >> 20 & 63)
           | 1ULL << (h >> 14 & 63);
}

static uint64_t *filter_word(const struct hashtab *t, uint32_t hash)
{
    return &t->filter[(hash & (t->nslots - 1)) / SLOTS_PER_WORD];
}

void hashtab_init(struct hashtab *t, bool filtered)
{
    memset(t, 0, sizeof(*t));
    t->filtered = filtered;
}

void hashtab_free(struct hashtab *t)
{
    free(t->slots);
    free(t->filter);
    hashtab_init(t, t->filtered);
}

/* s into the first empty slot of its probe; there is one. */
static void place(struct hashtab *t, struct hashtab_slot s)
{
    size_t mask = t->nslots - 1, i = s.hash & mask;

    while (t->slots[i].ref != 0)
        i = (i + 1) & mask;
    t->slots[i] = s;
    if (t->filter != NULL)
        *filter_word(t, s.hash) |= filter_bits(s.hash);
}

/* Every entry moved into nslots new slots, the filter drawn again (which
 * also clears the bits of removed entries); t is unchanged on failure. */
static int rehash(struct hashtab *t, size_t nslots)
{
    struct hashtab old = *t;
    struct hashtab_slot *slots = calloc(nslots, sizeof(*slots));
    uint64_t *filter = NULL;

    if (slots == NULL
        || (t->filtered
            && (filter = calloc(nslots / SLOTS_PER_WORD, sizeof(*filter)))
                   == NULL)) {
        free(slots);
        return -1;
    }
    t->slots = slots;
    t->filter = filter;
    t->nslots = nslots;
    for (size_t i = 0; i < old.nslots; i++)
        if (old.slots[i].ref != 0)
            place(t, old.slots[i]);
    free(old.slots);
    free(old.filter);
    return 0;
}

int hashtab_reserve(struct hashtab *t, size_t n)
{
    size_t nslots = t->nslots > 0 ? t->nslots : HASHTAB_MIN_SLOTS;

    if (n > SIZE_MAX / 4 / sizeof(struct hashtab_slot))
        return -1;
    /* At most half full: short probes, and an empty slot to end each. */
    while (nslots / 2 < n)
        nslots *= 2;
    return nslots == t->nslots ? 0 : rehash(t, nslots);
}

int hashtab_insert(struct hashtab *t, uint32_t hash, uint32_t ref)
{
    if (hashtab_reserve(t, t->used + 1) != 0)
        return -1;
    place(t, (struct hashtab_slot){ hash, ref });
    t->used++;
    return 0;
}

/* The probe goes on from it->i: the next reference under it->hash, or 0
 * at the empty slot that ends the probe (where it then stays). */
static uint32_t probe(struct hashtab_iter *it)
{
    size_t i = it->i;

    for (;; i = (i + 1) & it->mask) {
        const struct hashtab_slot *s = &it->slots[i];

        if (s->ref == 0)
            break;
        if (s->hash == it->hash) {
            it->i = (i + 1) & it->mask;
            return s->ref;
        }
    }
    it->i = i;
    return 0;
}

/* Whether hash may be in t; a table without a filter cannot tell. */
static bool may_have(const struct hashtab *t, uint32_t hash)
{
    uint64_t want;

    if (t->filter == NULL)
        return true;
    want = filter_bits(hash);
    return (*filter_word(t, hash) & want) == want;
}

uint32_t hashtab_find(const struct hashtab *t, uint32_t hash,
                      struct hashtab_iter *it)
{
    /* A probe that ends at once, for a hash that cannot be there. */
    static const struct hashtab_slot none;

    it->hash = hash;
    if (t->nslots == 0 || !may_have(t, hash)) {
        it->slots = &none;
        it->mask = 0;
        it->i = 0;
        return 0;
    }
    it->slots = t->slots;
    it->mask = t->nslots - 1;
    it->i = hash & it->mask;
    return probe(it);
}

uint32_t hashtab_next(struct hashtab_iter *it)
{
    return probe(it);
}

/* The slot holding (hash, ref), or SIZE_MAX. */
static size_t slot_of(const struct hashtab *t, uint32_t hash, uint32_t ref)
{
    size_t mask = t->nslots - 1;

    if (t->nslots == 0)
        return SIZE_MAX;
    for (size_t i = hash & mask; t->slots[i].ref != 0; i = (i + 1) & mask)
        if (t->slots[i].ref == ref && t->slots[i].hash == hash)
            return i;
    return SIZE_MAX;
}

bool hashtab_remove(struct hashtab *t, uint32_t hash, uint32_t ref)
{
    size_t mask = t->nslots - 1, hole = slot_of(t, hash, ref);

    if (hole == SIZE_MAX)
        return false;
    /* Each later slot of the run moves into the hole, unless its probe
     * starts after the hole (between the hole and the slot), where the
     * hole does not cut it off. */
    for (size_t j = (hole + 1) & mask; t->slots[j].ref != 0;
         j = (j + 1) & mask) {
        size_t home = t->slots[j].hash & mask;

        if (((j - home) & mask) >= ((j - hole) & mask)) {
            t->slots[hole] = t->slots[j];
            hole = j;
        }
    }
    t->slots[hole] = (struct hashtab_slot){ 0, 0 };
    t->used--;
    /* The filter keeps the entry's bits: they only cost a probe, and the
     * next growth draws the filter again. */
    return true;
}
