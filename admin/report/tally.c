/* tally.c - counted values; a linear search is enough for the handful of
 * versions, ciphers and reasons one connector sees. */
#include <stdlib.h>
#include <string.h>

#include "tally.h"

void tally_span(bool *timed, time_t *first, time_t *last, time_t when)
{
    if (!*timed || when < *first)
        *first = when;
    if (!*timed || when > *last)
        *last = when;
    *timed = true;
}

static void sighted(struct tally_item *it, unsigned long n, bool timed,
                    time_t when)
{
    it->count += n;
    if (timed)
        tally_span(&it->timed, &it->first, &it->last, when);
}

int tally_add_at(struct tally *t, const char *value, unsigned long n,
                 bool timed, time_t when)
{
    struct tally_item *v;

    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].value, value) == 0) {
            sighted(&t->v[i], n, timed, when);
            return 0;
        }
    if ((v = realloc(t->v, (t->n + 1) * sizeof(*v))) == NULL)
        return -1;
    t->v = v;
    memset(&v[t->n], 0, sizeof(v[t->n]));
    if ((v[t->n].value = strdup(value)) == NULL)
        return -1;
    sighted(&v[t->n++], n, timed, when);
    return 0;
}

int tally_add(struct tally *t, const char *value)
{
    return tally_add_at(t, value, 1, false, 0);
}

static int by_count(const void *a, const void *b)
{
    const struct tally_item *x = a, *y = b;

    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

void tally_sort(struct tally *t)
{
    if (t->n > 1)
        qsort(t->v, t->n, sizeof(*t->v), by_count);
}

void tally_free(struct tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].value);
    free(t->v);
    t->v = NULL;
    t->n = 0;
}
