/* domainmap.c - domain -> connector indexes in an open-addressing hash
 * table; a match looks up the name and each parent once, never scanning
 * entries, and returns indexes sorted and without duplicates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "domainmap.h"

#define MAP_MIN_SLOTS 16
#define MAP_MAX_LABELS 128      /* 253 octets hold at most 127 labels */

struct map_entry {
    char *domain;               /* NULL: empty slot */
    uint64_t hash;
    bool wildcard;
    unsigned *idx;              /* sorted, unique */
    size_t n, cap;
};

struct ft_domainmap {
    struct map_entry *slots;
    size_t nslots;              /* a power of two */
    size_t used;
};

/* FNV-1a over the name, with the wildcard flag folded in last, so that
 * "example.com" and "*.example.com" land apart. */
static uint64_t map_hash(const char *domain, size_t len, bool wildcard)
{
    uint64_t h = 14695981039346656037ULL;

    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)domain[i];
        h *= 1099511628211ULL;
    }
    h ^= wildcard ? 0x2a : 0x2e;
    h *= 1099511628211ULL;
    /* Spread the high bits into the low ones used for the slot. */
    return h ^ (h >> 29);
}

struct ft_domainmap *domainmap_new(void)
{
    struct ft_domainmap *map = calloc(1, sizeof(*map));

    if (map == NULL)
        return NULL;
    map->slots = calloc(MAP_MIN_SLOTS, sizeof(*map->slots));
    if (map->slots == NULL) {
        free(map);
        return NULL;
    }
    map->nslots = MAP_MIN_SLOTS;
    return map;
}

void domainmap_free(struct ft_domainmap *map)
{
    if (map == NULL)
        return;
    for (size_t i = 0; i < map->nslots; i++) {
        free(map->slots[i].domain);
        free(map->slots[i].idx);
    }
    free(map->slots);
    free(map);
}

/* The slot holding (domain[0..len), wildcard), or the empty slot where it
 * would go. The table is never full, so the probe ends. */
static struct map_entry *map_slot(struct map_entry *slots, size_t nslots,
                                  const char *domain, size_t len,
                                  bool wildcard, uint64_t hash)
{
    size_t mask = nslots - 1, i = (size_t)hash & mask;

    for (;; i = (i + 1) & mask) {
        struct map_entry *e = &slots[i];

        if (e->domain == NULL)
            return e;
        if (e->hash == hash && e->wildcard == wildcard
            && strncmp(e->domain, domain, len) == 0 && e->domain[len] == '\0')
            return e;
    }
}

static const struct map_entry *map_find(const struct ft_domainmap *map,
                                        const char *domain, size_t len,
                                        bool wildcard)
{
    uint64_t h = map_hash(domain, len, wildcard);
    const struct map_entry *e;

    e = map_slot(map->slots, map->nslots, domain, len, wildcard, h);
    /* An entry whose first index could not be stored holds nothing. */
    return e->domain != NULL && e->n > 0 ? e : NULL;
}

/* Double the table; entries move, their index arrays do not. */
static int map_grow(struct ft_domainmap *map)
{
    size_t nslots = map->nslots * 2;
    struct map_entry *slots = calloc(nslots, sizeof(*slots));

    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < map->nslots; i++) {
        struct map_entry *e = &map->slots[i];

        if (e->domain != NULL)
            *map_slot(slots, nslots, e->domain, strlen(e->domain),
                      e->wildcard, e->hash) = *e;
    }
    free(map->slots);
    map->slots = slots;
    map->nslots = nslots;
    return 0;
}

/* Insert idx keeping the array sorted and unique. */
static int entry_add_index(struct map_entry *e, unsigned idx)
{
    size_t lo = 0, hi = e->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (e->idx[mid] < idx)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < e->n && e->idx[lo] == idx)
        return 0;
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 2;
        unsigned *p = realloc(e->idx, cap * sizeof(*p));

        if (p == NULL)
            return -1;
        e->idx = p;
        e->cap = cap;
    }
    memmove(e->idx + lo + 1, e->idx + lo, (e->n - lo) * sizeof(*e->idx));
    e->idx[lo] = idx;
    e->n++;
    return 0;
}

int domainmap_add(struct ft_domainmap *map, const char *domain,
                  bool wildcard, unsigned idx)
{
    size_t len = strlen(domain);
    uint64_t h = map_hash(domain, len, wildcard);
    struct map_entry *e;

    e = map_slot(map->slots, map->nslots, domain, len, wildcard, h);
    if (e->domain == NULL) {
        /* Keep the load at or under one half: short probes, never full. */
        if ((map->used + 1) * 2 > map->nslots) {
            if (map_grow(map) != 0)
                return -1;
            e = map_slot(map->slots, map->nslots, domain, len, wildcard, h);
        }
        if ((e->domain = strdup(domain)) == NULL)
            return -1;
        e->hash = h;
        e->wildcard = wildcard;
        map->used++;
    }
    return entry_add_index(e, idx);
}

const unsigned *domainmap_get(const struct ft_domainmap *map,
                              const char *domain, bool wildcard, size_t *n)
{
    const struct map_entry *e = map_find(map, domain, strlen(domain),
                                         wildcard);

    *n = e != NULL ? e->n : 0;
    return e != NULL ? e->idx : NULL;
}

struct idx_list {
    const unsigned *idx;
    size_t n;
};

/* The exact entry of name and the "*." entries of its strict parents. */
static size_t match_lists(const struct ft_domainmap *map, const char *name,
                          struct idx_list *lists)
{
    size_t k = 0, len = strlen(name);
    const struct map_entry *e;

    if ((e = map_find(map, name, len, false)) != NULL)
        lists[k++] = (struct idx_list){ e->idx, e->n };
    for (const char *p = strchr(name, '.'); p != NULL;
         p = strchr(p + 1, '.')) {
        e = map_find(map, p + 1, len - (size_t)(p + 1 - name), true);
        if (e != NULL && k < MAP_MAX_LABELS)
            lists[k++] = (struct idx_list){ e->idx, e->n };
    }
    return k;
}

/* Merge k sorted lists, dropping duplicates; k is at most the number of
 * labels, so picking the smallest head by scanning is cheap. */
static size_t merge_lists(struct idx_list *lists, size_t k, unsigned *out,
                          size_t max)
{
    size_t found = 0;

    for (;;) {
        bool any = false;
        unsigned min = 0;

        for (size_t i = 0; i < k; i++) {
            if (lists[i].n > 0 && (!any || lists[i].idx[0] < min)) {
                min = lists[i].idx[0];
                any = true;
            }
        }
        if (!any)
            return found;
        for (size_t i = 0; i < k; i++) {
            if (lists[i].n > 0 && lists[i].idx[0] == min) {
                lists[i].idx++;
                lists[i].n--;
            }
        }
        if (found < max)
            out[found] = min;
        found++;
    }
}

size_t domainmap_match(const struct ft_domainmap *map, const char *domain,
                       unsigned *out, size_t max)
{
    struct idx_list lists[MAP_MAX_LABELS];
    char name[FT_DOMAIN_MAX];

    /* Normalizing again is cheap and keeps "Example.COM." from missing. */
    if (!domain_normalize(domain, name, sizeof(name)))
        return 0;
    return merge_lists(lists, match_lists(map, name, lists), out, max);
}

bool domainmap_best(const struct ft_domainmap *map, const char *domain,
                    bool subdomains_only, unsigned *idx)
{
    char name[FT_DOMAIN_MAX];
    const struct map_entry *e;
    size_t len;

    if (!domain_normalize(domain, name, sizeof(name)))
        return false;
    len = strlen(name);
    /* "Any subdomain of name" is covered by name's own "*." entry. */
    e = map_find(map, name, len, subdomains_only);
    /* Then the nearest parent: its "*." entry is the most specific left. */
    for (const char *p = strchr(name, '.'); e == NULL && p != NULL;
         p = strchr(p + 1, '.'))
        e = map_find(map, p + 1, len - (size_t)(p + 1 - name), true);
    if (e == NULL)
        return false;
    /* Several connectors on one entry: the first configured wins. */
    *idx = e->idx[0];
    return true;
}

size_t domainmap_size(const struct ft_domainmap *map)
{
    return map->used;
}
