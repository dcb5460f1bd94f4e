/* domainmap.c - domain -> connector indexes in the lib hash table; a
 * match looks up the name and each parent once, never scanning entries,
 * and returns indexes sorted and without duplicates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "domainmap.h"
#include "hash.h"
#include "hashtab.h"

#define MAP_MAX_LABELS 128      /* 253 octets hold at most 127 labels */
#define ARENA_BLOCK (256u * 1024)

/* A million domains must load in a second and fit in well under 200 MB,
 * and a lookup in them should touch as few cache lines as it can: the
 * table's slots hold only a 32-bit hash and where the entry is (a probe
 * reads no entry until the hash matches), and an entry lives in an arena
 * with its name right after it, so that a match reads its name and its
 * indexes from one place. A domain covered by one connector (nearly all)
 * needs no index array. */
struct map_entry {
    unsigned *more;             /* NULL while n <= 1; then all n indexes */
    unsigned one;               /* the index while n == 1 */
    unsigned n;
    char domain[];              /* NUL-terminated */
};

/* Entries are 8-aligned in blocks of ARENA_BLOCK bytes; the table's
 * reference to one is the block's number + 1 above the offset in 8-byte
 * units (never 0). */
#define REF_OFFSET_BITS 15
#define REF_BLOCKS_MAX ((UINT32_MAX >> REF_OFFSET_BITS) - 1)
_Static_assert(ARENA_BLOCK >> 3 <= 1u << REF_OFFSET_BITS,
               "an offset fits its bits");

struct arena_block {
    size_t used;
    char text[];                /* 8-aligned: after a size_t */
};

/* Exact names and "*." names have tables of their own: there are few
 * wildcard entries, so their table stays in the cache, and a name no
 * partner has costs one probe (its exact one), not one per label. Most
 * senders are no partner, and at a million domains that probe would be a
 * read from memory: the tables' filter (1 MB there, small enough to stay
 * in the cache) turns nearly all of them away first. */
struct ft_domainmap {
    struct hashtab exact, wild;
    struct arena_block **blocks;
    size_t nblocks, capblocks;
    size_t used;                /* entries */
};

/* "example.com" and "*.example.com" may hash alike: they are in
 * different tables. */
static uint32_t map_hash(const char *domain, size_t len)
{
    return hash_fold(hash_bytes(HASH_SEED, domain, len));
}

struct ft_domainmap *domainmap_new(void)
{
    struct ft_domainmap *map = calloc(1, sizeof(*map));

    if (map == NULL)
        return NULL;
    hashtab_init(&map->exact, true);
    hashtab_init(&map->wild, true);
    return map;
}

/* The bytes an entry for a name of len bytes takes in a block. */
static size_t entry_size(size_t len)
{
    return (sizeof(struct map_entry) + len + 1 + 7) & ~(size_t)7;
}

static struct map_entry *entry_at(const struct ft_domainmap *map,
                                  uint32_t ref)
{
    const struct arena_block *b = map->blocks[(ref >> REF_OFFSET_BITS) - 1];
    size_t off = (size_t)(ref & ((1u << REF_OFFSET_BITS) - 1)) << 3;

    return (struct map_entry *)(void *)(b->text + off);
}

void domainmap_free(struct ft_domainmap *map)
{
    if (map == NULL)
        return;
    for (size_t i = 0; i < map->nblocks; i++) {
        struct arena_block *b = map->blocks[i];

        for (size_t off = 0; off < b->used;) {
            struct map_entry *e = (struct map_entry *)(void *)(b->text + off);

            free(e->more);
            off += entry_size(strlen(e->domain));
        }
        free(b);
    }
    free(map->blocks);
    hashtab_free(&map->exact);
    hashtab_free(&map->wild);
    free(map);
}

/* Room in the arena for an entry whose name is len bytes long, zeroed,
 * and its reference in *ref; NULL when out of memory. */
static struct map_entry *arena_entry(struct ft_domainmap *map, size_t len,
                                     uint32_t *ref)
{
    size_t size = entry_size(len);
    struct arena_block *b = map->nblocks > 0 ? map->blocks[map->nblocks - 1]
                                             : NULL;
    struct map_entry *e;

    if (size > ARENA_BLOCK)
        return NULL;
    if (b == NULL || b->used + size > ARENA_BLOCK) {
        if (map->nblocks == REF_BLOCKS_MAX)
            return NULL;
        if (map->nblocks == map->capblocks) {
            size_t cap = map->capblocks ? 2 * map->capblocks : 16;
            struct arena_block **v = realloc(map->blocks, cap * sizeof(*v));

            if (v == NULL)
                return NULL;
            map->blocks = v;
            map->capblocks = cap;
        }
        if ((b = malloc(sizeof(*b) + ARENA_BLOCK)) == NULL)
            return NULL;
        b->used = 0;
        map->blocks[map->nblocks++] = b;
    }
    e = (struct map_entry *)(void *)(b->text + b->used);
    memset(e, 0, size);
    *ref = (uint32_t)(map->nblocks << REF_OFFSET_BITS)
           | (uint32_t)(b->used >> 3);
    b->used += size;
    return e;
}

/* The entry of (domain[0..len), wildcard), whose map_hash is hash. */
static struct map_entry *entry_find(const struct ft_domainmap *map,
                                    const char *domain, size_t len,
                                    bool wildcard, uint32_t hash)
{
    const struct hashtab *t = wildcard ? &map->wild : &map->exact;
    struct hashtab_iter it;

    for (uint32_t ref = hashtab_find(t, hash, &it); ref != 0;
         ref = hashtab_next(&it)) {
        struct map_entry *e = entry_at(map, ref);

        if (strncmp(e->domain, domain, len) == 0 && e->domain[len] == '\0')
            return e;
    }
    return NULL;
}

static const struct map_entry *map_find(const struct ft_domainmap *map,
                                        const char *domain, size_t len,
                                        bool wildcard)
{
    return entry_find(map, domain, len, wildcard, map_hash(domain, len));
}

static const unsigned *entry_indexes(const struct map_entry *e)
{
    return e->more != NULL ? e->more : &e->one;
}

/* Insert idx keeping the indexes sorted and unique. */
static int entry_add_index(struct map_entry *e, unsigned idx)
{
    size_t lo = 0, hi = e->n;
    const unsigned *v = entry_indexes(e);
    unsigned *p;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (v[mid] < idx)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < e->n && v[lo] == idx)
        return 0;
    if (e->n == 0) {
        e->one = idx;
        e->n = 1;
        return 0;
    }
    /* Room for n + 1; sizes are powers of two, so grow at n = 2, 4, 8... */
    if (e->more == NULL || (e->n & (e->n - 1)) == 0) {
        size_t cap = e->n * 2;
        if ((p = realloc(e->more, cap * sizeof(*p))) == NULL)
            return -1;
        if (e->more == NULL)
            p[0] = e->one;
        e->more = p;
    }
    memmove(e->more + lo + 1, e->more + lo, (e->n - lo) * sizeof(*e->more));
    e->more[lo] = idx;
    e->n++;
    return 0;
}

int domainmap_add(struct ft_domainmap *map, const char *domain,
                  bool wildcard, unsigned idx)
{
    size_t len = strlen(domain);
    uint32_t h = map_hash(domain, len), ref;
    struct hashtab *t = wildcard ? &map->wild : &map->exact;
    struct map_entry *e = entry_find(map, domain, len, wildcard, h);

    if (e != NULL)
        return entry_add_index(e, idx);
    /* Room in the table first, so that a failure leaves no entry. */
    if (hashtab_reserve(t, t->used + 1) != 0
        || (e = arena_entry(map, len, &ref)) == NULL
        || hashtab_insert(t, h, ref) != 0)
        return -1;
    memcpy(e->domain, domain, len);
    map->used++;
    return entry_add_index(e, idx);
}

const unsigned *domainmap_get(const struct ft_domainmap *map,
                              const char *domain, bool wildcard, size_t *n)
{
    const struct map_entry *e = map_find(map, domain, strlen(domain),
                                         wildcard);

    *n = e != NULL ? e->n : 0;
    return e != NULL ? entry_indexes(e) : NULL;
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
        lists[k++] = (struct idx_list){ entry_indexes(e), e->n };
    for (const char *p = strchr(name, '.'); p != NULL;
         p = strchr(p + 1, '.')) {
        e = map_find(map, p + 1, len - (size_t)(p + 1 - name), true);
        if (e != NULL && k < MAP_MAX_LABELS)
            lists[k++] = (struct idx_list){ entry_indexes(e), e->n };
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
    *idx = entry_indexes(e)[0];
    return true;
}

size_t domainmap_size(const struct ft_domainmap *map)
{
    return map->used;
}
