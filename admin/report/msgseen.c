/* msgseen.c - the recent messages, by a 64-bit hash in a fixed table:
 * both daemons log a message within moments of each other (at its end of
 * data), so a bounded memory of the last few thousand is enough and the
 * report's memory does not grow with the log. A slot taken over by another
 * message only means that message's second line counts again. Each keeps
 * where its certificate was counted, for the second line to correct. */
#include <stdint.h>
#include <stdlib.h>

#include "msgseen.h"

#define MSGSEEN_SLOTS 65536

struct msgseen_slot {
    uint64_t hash;              /* 0: empty */
    struct cert_credit credit;
};

struct msgseen {
    struct msgseen_slot slot[MSGSEEN_SLOTS];
};

struct msgseen *msgseen_new(void)
{
    return calloc(1, sizeof(struct msgseen));
}

void msgseen_free(struct msgseen *m)
{
    free(m);
}

/* FNV-1a over the strings and their terminators. */
static uint64_t hash_add(uint64_t h, const char *s)
{
    do {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    } while (*s++ != '\0');
    return h;
}

struct cert_credit *msgseen_get(struct msgseen *m, const char *host,
                                const char *queue_id, const char *connector,
                                const char *verdict, bool *seen)
{
    uint64_t h = 14695981039346656037ULL;
    struct msgseen_slot *slot;

    h = hash_add(hash_add(hash_add(hash_add(h, host), queue_id), connector),
                 verdict);
    h |= 1;                     /* 0 marks an empty slot */
    slot = &m->slot[(h >> 32) % MSGSEEN_SLOTS];
    *seen = slot->hash == h;
    if (!*seen)
        *slot = (struct msgseen_slot){ h, { SIZE_MAX, 0 } };
    return &slot->credit;
}
