/* test_domainmap.c - domain -> connector lookups: exact, "*.", apex,
 * merging, most-specific, and a hundred thousand domains. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domainmap.h"
#include "tap.h"

struct entry {
    const char *domain;
    bool wildcard;
    unsigned idx;
};

/* Connector indexes chosen out of order, so sorting is tested. */
static const struct entry entries[] = {
    { "contoso.com", false, 5 },
    { "contoso.com", true, 2 },
    { "contoso.com", true, 2 },         /* a duplicate is harmless */
    { "contoso.com", true, 7 },
    { "mail.contoso.com", false, 2 },
    { "mail.contoso.com", false, 9 },
    { "com", true, 11 },
    { "fabrikam.example", false, 3 },
    { "a.b.fabrikam.example", false, 1 },
    { "b.fabrikam.example", true, 4 },
};

struct match_case {
    const char *name, *domain;
    size_t n;
    unsigned want[6];
};

static const struct match_case match_cases[] = {
    { "apex: exact only", "contoso.com", 2, { 5, 11 } },
    { "subdomain: wildcards only", "x.contoso.com", 3, { 2, 7, 11 } },
    { "exact and wildcard merged without duplicates", "mail.contoso.com",
      4, { 2, 7, 9, 11 } },
    { "deep subdomain", "a.b.c.contoso.com", 3, { 2, 7, 11 } },
    { "case and trailing dot", "MAIL.Contoso.COM.", 4, { 2, 7, 9, 11 } },
    { "TLD wildcard only", "other.com", 1, { 11 } },
    { "TLD itself not covered by its *.", "com", 0, { 0 } },
    { "unrelated", "example.org", 0, { 0 } },
    { "suffix that is not a parent", "notcontoso.com", 1, { 11 } },
    { "exact apex", "fabrikam.example", 1, { 3 } },
    { "no wildcard on fabrikam", "x.fabrikam.example", 0, { 0 } },
    { "apex of *.b not matched", "b.fabrikam.example", 0, { 0 } },
    { "exact and parent wildcard", "a.b.fabrikam.example", 2, { 1, 4 } },
    { "invalid name", "a..contoso.com", 0, { 0 } },
    { "empty name", "", 0, { 0 } },
};

static struct ft_domainmap *small_map(void)
{
    struct ft_domainmap *map = domainmap_new();

    if (map == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
        if (domainmap_add(map, entries[i].domain, entries[i].wildcard,
                          entries[i].idx) != 0) {
            domainmap_free(map);
            return NULL;
        }
    }
    return map;
}

static void check_match(const struct ft_domainmap *map,
                        const struct match_case *c)
{
    unsigned out[8];
    size_t n = domainmap_match(map, c->domain, out, 8);
    bool same = n == c->n;

    for (size_t i = 0; same && i < n; i++)
        same = out[i] == c->want[i];
    TAP_OK(same, c->name, "got %zu indexes (first %u), want %zu (first %u)",
           n, n > 0 ? out[0] : 0, c->n, c->want[0]);
}

static void test_match(const struct ft_domainmap *map)
{
    unsigned out[2];

    for (size_t i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]); i++)
        check_match(map, &match_cases[i]);
    TAP_INT(domainmap_match(map, "mail.contoso.com", out, 2), 4,
            "count beyond max");
    TAP_OK(out[0] == 2 && out[1] == 7, "first max stored",
           "got %u %u", out[0], out[1]);
    TAP_INT(domainmap_match(map, "mail.contoso.com", NULL, 0), 4,
            "count only");
}

static void test_get(const struct ft_domainmap *map)
{
    const unsigned *idx;
    size_t n;

    idx = domainmap_get(map, "contoso.com", true, &n);
    TAP_OK(idx != NULL && n == 2 && idx[0] == 2 && idx[1] == 7,
           "get wildcard entry, deduped and sorted", "got n=%zu", n);
    idx = domainmap_get(map, "contoso.com", false, &n);
    TAP_OK(idx != NULL && n == 1 && idx[0] == 5, "get exact entry",
           "got n=%zu", n);
    idx = domainmap_get(map, "fabrikam.example", true, &n);
    TAP_OK(idx == NULL && n == 0, "get missing wildcard entry",
           "got n=%zu", n);
    TAP_INT(domainmap_size(map), 7, "size counts (domain, wildcard) pairs");
}

struct best_case {
    const char *name, *domain;
    bool subdomains_only, found;
    unsigned want;
};

static const struct best_case best_cases[] = {
    { "exact wins over parent wildcard", "a.example.com", false, true, 2 },
    { "wildcard for a sibling", "b.example.com", false, true, 1 },
    { "deeper subdomain: nearest wildcard", "x.b.example.com", false, true,
      1 },
    { "apex is not a strict subdomain", "example.com", false, false, 0 },
    { "subdomains of the apex", "example.com", true, true, 1 },
    { "subdomains of a.example.com: parent wildcard", "a.example.com", true,
      true, 1 },
    { "subdomains of com: nothing", "com", true, false, 0 },
    { "com itself", "com", false, false, 0 },
    { "nearer wildcard beats farther", "q.deep.example.com", false, true,
      3 },
    { "subdomains of deep.example.com", "deep.example.com", true, true, 3 },
    { "deep.example.com itself", "deep.example.com", false, true, 1 },
    { "lowest index on a shared entry", "shared.example", false, true, 4 },
    { "case and trailing dot", "A.Example.COM.", false, true, 2 },
    { "invalid name", "a..example.com", false, false, 0 },
};

static void test_best(void)
{
    struct ft_domainmap *map = domainmap_new();

    if (map == NULL || domainmap_add(map, "example.com", true, 1) != 0
        || domainmap_add(map, "a.example.com", false, 2) != 0
        || domainmap_add(map, "deep.example.com", true, 3) != 0
        || domainmap_add(map, "shared.example", false, 6) != 0
        || domainmap_add(map, "shared.example", false, 4) != 0) {
        TAP_OK(false, "best: build map", "out of memory");
        domainmap_free(map);
        return;
    }
    for (size_t i = 0; i < sizeof(best_cases) / sizeof(best_cases[0]); i++) {
        const struct best_case *c = &best_cases[i];
        unsigned idx = 999;
        bool found = domainmap_best(map, c->domain, c->subdomains_only, &idx);

        TAP_OK(found == c->found && (!found || idx == c->want), c->name,
               "got found=%d idx=%u, want found=%d idx=%u", found, idx,
               c->found, c->want);
    }
    domainmap_free(map);
}

/* Domain i: exact "dN.example" for even i, "*.dN.example" for odd i. */
static void test_large(void)
{
    enum { N = 100000 };
    struct ft_domainmap *map = domainmap_new();
    char name[64];
    size_t bad = 0;
    unsigned out[4], idx;
    int rc = 0;

    for (unsigned i = 0; map != NULL && rc == 0 && i < N; i++) {
        snprintf(name, sizeof(name), "d%u.example", i);
        rc = domainmap_add(map, name, i % 2 == 1, i);
    }
    TAP_OK(map != NULL && rc == 0, "100000 domains added", "failed");
    if (map == NULL || rc != 0) {
        domainmap_free(map);
        return;
    }
    TAP_INT(domainmap_size(map), N, "large: size");
    for (unsigned i = 0; i < N; i++) {
        snprintf(name, sizeof(name), "%sd%u.example", i % 2 ? "mx." : "", i);
        if (domainmap_match(map, name, out, 4) != 1 || out[0] != i
            || !domainmap_best(map, name, false, &idx) || idx != i)
            bad++;
    }
    TAP_INT(bad, 0, "every generated domain found");
    TAP_INT(domainmap_match(map, "d1.example", out, 4), 0,
            "large: apex of a wildcard entry not matched");
    TAP_INT(domainmap_match(map, "mx.d0.example", out, 4), 0,
            "large: subdomain of an exact entry not matched");
    TAP_INT(domainmap_match(map, "d100000.example", out, 4), 0,
            "large: absent domain");
    domainmap_free(map);
}

/* One domain in many connectors, added out of order and twice: the
 * indexes come back sorted and unique as their array grows. */
static void test_many_owners(void)
{
    static const unsigned add[] = { 9, 3, 7, 1, 5, 3, 8, 0, 6, 9, 12 };
    static const unsigned want[] = { 0, 1, 3, 5, 6, 7, 8, 9, 12 };
    struct ft_domainmap *map = domainmap_new();
    const unsigned *got;
    unsigned out[16];
    size_t n = 0, m;
    int rc = map == NULL ? -1 : 0;

    for (size_t i = 0; rc == 0 && i < sizeof(add) / sizeof(add[0]); i++)
        rc = domainmap_add(map, "shared.example", false, add[i]);
    TAP_OK(rc == 0, "many owners: added", "failed");
    if (rc != 0) {
        domainmap_free(map);
        return;
    }
    got = domainmap_get(map, "shared.example", false, &n);
    TAP_INT(n, 9, "many owners: count without duplicates");
    TAP_OK(got != NULL && memcmp(got, want, sizeof(want)) == 0,
           "many owners: get sorted", "wrong order or values");
    m = domainmap_match(map, "shared.example", out, 16);
    TAP_OK(m == 9 && memcmp(out, want, sizeof(want)) == 0,
           "many owners: match sorted", "got %zu", m);
    TAP_INT(domainmap_size(map), 1, "many owners: one entry");
    domainmap_free(map);
}

int main(void)
{
    struct ft_domainmap *map = small_map();

    TAP_OK(map != NULL, "small map built", "out of memory");
    if (map != NULL) {
        test_match(map);
        test_get(map);
    }
    domainmap_free(map);
    test_best();
    test_many_owners();
    test_large();
    return tap_done();
}
