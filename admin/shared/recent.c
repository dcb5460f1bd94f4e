/* recent.c - a ring of places over the lib hash table; the table has
 * room for the whole ring from the start, so taking a place cannot fail. */
#include <stdlib.h>

#include "recent.h"

int recent_init(struct recent *r, size_t cap)
{
    r->cap = cap;
    r->next = r->n = 0;
    hashtab_init(&r->index, false);
    if ((r->hashes = calloc(cap, sizeof(*r->hashes))) == NULL
        || hashtab_reserve(&r->index, cap) != 0) {
        recent_free(r);
        return -1;
    }
    return 0;
}

void recent_free(struct recent *r)
{
    free(r->hashes);
    r->hashes = NULL;
    hashtab_free(&r->index);
}

size_t recent_find(const struct recent *r, uint32_t h,
                   bool (*same)(size_t place, const void *arg),
                   const void *arg)
{
    struct hashtab_iter it;

    for (uint32_t ref = hashtab_find(&r->index, h, &it); ref != 0;
         ref = hashtab_next(&it))
        if (same(ref - 1, arg))
            return ref - 1;
    return RECENT_NONE;
}

size_t recent_take(struct recent *r, uint32_t h)
{
    size_t place = r->next;

    if (r->n == r->cap)
        hashtab_remove(&r->index, r->hashes[place], (uint32_t)place + 1);
    else
        r->n++;
    r->hashes[place] = h;
    (void)hashtab_insert(&r->index, h, (uint32_t)place + 1);
    r->next = (place + 1) % r->cap;
    return place;
}
