/* msgseen.c - the recent messages: both daemons log a message within
 * moments of each other (at its end of data), so an exact memory of the
 * last MSGSEEN_RECENT is enough and the report's memory does not grow
 * with the log. They are recent ones (recent.c), the oldest making room
 * for the newest. Each keeps where its certificate was
 * counted, for the second line to correct. */
#include <stdint.h>
#include <stdlib.h>

#include "hash.h"
#include "msgseen.h"
#include "recent.h"

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
    struct recent places;       /* of ring */
};

struct msgseen *msgseen_new(void)
{
    struct msgseen *m = calloc(1, sizeof(*m));

    if (m != NULL && recent_init(&m->places, MSGSEEN_RECENT) != 0) {
        free(m);
        m = NULL;
    }
    return m;
}

void msgseen_free(struct msgseen *m)
{
    if (m == NULL)
        return;
    recent_free(&m->places);
    free(m);
}

struct item_key {
    const struct msgseen *m;
    uint64_t hash;
};

static bool same_message(size_t place, const void *arg)
{
    const struct item_key *k = arg;

    return k->m->ring[place].hash == k->hash;
}

struct cert_credit *msgseen_get(struct msgseen *m, const char *host,
                                const char *queue_id, const char *connector,
                                const char *verdict, bool *seen)
{
    uint64_t h = hash_str(hash_str(hash_str(hash_str(HASH_SEED, host),
                                            queue_id),
                                   connector),
                          verdict);
    struct item_key k = { m, h };
    size_t place = recent_find(&m->places, hash_fold(h), same_message, &k);

    *seen = place != RECENT_NONE;
    if (!*seen) {
        place = recent_take(&m->places, hash_fold(h));
        m->ring[place] = (struct msgseen_item){ h, { SIZE_MAX, 0 } };
    }
    return &m->ring[place].credit;
}
