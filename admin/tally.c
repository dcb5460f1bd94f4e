/* tally.c - counted values; a linear search is enough for the handful of
 * versions, ciphers and reasons one connector sees. */
#include <stdlib.h>
#include <string.h>

#include "tally.h"

int tally_add(struct tally *t, const char *value)
{
    struct tally_item *v;

    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].value, value) == 0) {
            t->v[i].count++;
            return 0;
        }
    if ((v = realloc(t->v, (t->n + 1) * sizeof(*v))) == NULL)
        return -1;
    t->v = v;
    if ((v[t->n].value = strdup(value)) == NULL)
        return -1;
    v[t->n++].count = 1;
    return 0;
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
