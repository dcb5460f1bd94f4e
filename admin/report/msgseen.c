/* msgseen.c - the recent messages: both daemons log a message within
 * moments of each other (at its end of data), so an exact memory of the
 * last MSGSEEN_RECENT is enough and the report's memory does not grow
 * with the log. They are kept in a ring, the oldest making room for the
 * newest, and found through the lib hash table; none is lost to another
 * that happens to hash near it. Each keeps where its certificate was
 * counted, for the second line to correct. */
#include <stdint.h>
#include <stdlib.h>

#include "hash.h"
#include "hashtab.h"
#include "msgseen.h"

/* MSGSEEN_RECENT is half the 65,536 slots of the direct-mapped table
 * this replaces, in less memory, and yet it keeps more: there, a message
 * 10,000 others later had lost its first line to a collision one time in
 * seven. */

/* A message is known by a 64-bit hash of its key: that a new one is
 * taken for one of the recent ones has one chance in 2^49. */
struct msgseen_item {
    uint64_t hash;
    struct cert_credit credit;
};

struct msgseen {
    struct msgseen_item ring[MSGSEEN_RECENT];
    size_t next;                /* the oldest, replaced next */
    size_t n;                   /* items in the ring */
    struct hashtab index;       /* item's place in the ring + 1 */
};

struct msgseen *msgseen_new(void)
{
    struct msgseen *m = calloc(1, sizeof(*m));

    if (m == NULL)
        return NULL;
    hashtab_init(&m->index, false);
    /* Room for the whole ring, so that msgseen_get cannot fail. */
    if (hashtab_reserve(&m->index, MSGSEEN_RECENT) != 0) {
        free(m);
        return NULL;
    }
    return m;
}

void msgseen_free(struct msgseen *m)
{
    if (m == NULL)
        return;
    hashtab_free(&m->index);
    free(m);
}

static struct msgseen_item *item_find(struct msgseen *m, uint64_t h)
{
    struct hashtab_iter it;

    for (uint32_t ref = hashtab_find(&m->index, hash_fold(h), &it); ref != 0;
         ref = hashtab_next(&it))
        if (m->ring[ref - 1].hash == h)
            return &m->ring[ref - 1];
    return NULL;
}

/* A new item for h in the oldest one's place. */
static struct msgseen_item *item_add(struct msgseen *m, uint64_t h)
{
    struct msgseen_item *item = &m->ring[m->next];
    uint32_t ref = (uint32_t)m->next + 1;

    if (m->n == MSGSEEN_RECENT)
        hashtab_remove(&m->index, hash_fold(item->hash), ref);
    else
        m->n++;
    *item = (struct msgseen_item){ h, { SIZE_MAX, 0 } };
    /* Cannot fail: msgseen_new reserved room for the whole ring. */
    (void)hashtab_insert(&m->index, hash_fold(h), ref);
    m->next = (m->next + 1) % MSGSEEN_RECENT;
    return item;
}

struct cert_credit *msgseen_get(struct msgseen *m, const char *host,
                                const char *queue_id, const char *connector,
                                const char *verdict, bool *seen)
{
    uint64_t h = hash_str(hash_str(hash_str(hash_str(HASH_SEED, host),
                                            queue_id),
                                   connector),
                          verdict);
    struct msgseen_item *item = item_find(m, h);

    *seen = item != NULL;
    if (item == NULL)
        item = item_add(m, h);
    return &item->credit;
}
