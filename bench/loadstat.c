/* loadstat.c - latency samples of a load generator. Sampling stops at a
 * fixed size, so a long run costs bounded memory; the count goes on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loadstat.h"

#define LOADSTAT_CAP (2u << 20)

uint64_t loadstat_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void loadstat_init(struct loadstat *st)
{
    memset(st, 0, sizeof(*st));
}

void loadstat_add(struct loadstat *st, uint64_t ns)
{
    st->count++;
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 4096;
        uint64_t *p;
        if (cap > LOADSTAT_CAP || (p = realloc(st->ns, cap * sizeof(*p)))
            == NULL)
            return;
        st->ns = p;
        st->cap = cap;
    }
    st->ns[st->n++] = ns;
}

void loadstat_merge(struct loadstat *into, struct loadstat *from)
{
    uint64_t count = into->count + from->count;

    for (size_t i = 0; i < from->n; i++)
        loadstat_add(into, from->ns[i]);
    into->count = count;
    free(from->ns);
    loadstat_init(from);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

void loadstat_print(struct loadstat *st, double seconds)
{
    double p50 = 0, p99 = 0, max = 0;

    if (st->n > 0) {
        qsort(st->ns, st->n, sizeof(*st->ns), cmp_u64);
        p50 = (double)st->ns[st->n / 2] / 1e3;
        p99 = (double)st->ns[st->n * 99 / 100] / 1e3;
        max = (double)st->ns[st->n - 1] / 1e3;
    }
    printf("%.0f %.1f %.1f %.1f %llu", (double)st->count / seconds, p50, p99,
           max, (unsigned long long)st->count);
}
