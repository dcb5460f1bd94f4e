/* test_hashtab.c - the lib hash table: insert, find, remove and growth,
 * with hashes that share a slot, a hash shared by several references, runs
 * that wrap around the end, and removals inside runs. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "hashtab.h"
#include "tap.h"

/* One step of a case: insert, remove, or remove what is not there. */
enum step_op { END, INS, DEL, DEL_ABSENT };

struct step {
    enum step_op op;
    uint32_t hash, ref;
};

/* What a find for hash must yield, in any order; 0 ends want. */
struct query {
    bool asked;
    uint32_t hash;
    uint32_t want[10];
};

/* The table starts empty, with 16 slots at the first insert: hashes
 * equal modulo 16 start their probes at the same slot. Each case runs on
 * a table without and with the filter. */
struct tab_case {
    const char *name;
    struct step steps[12];
    struct query q[5];
    size_t used, nslots;
};

#define I(h, r) { INS, h, r }
#define D(h, r) { DEL, h, r }
#define DA(h, r) { DEL_ABSENT, h, r }
#define Q(h, ...) { true, h, { __VA_ARGS__ } }

static const struct tab_case cases[] = {
    { "empty: nothing found", { { END, 0, 0 } },
      { Q(0, 0), Q(7, 0) }, 0, 0 },
    { "one entry", { I(7, 1) },
      { Q(7, 1), Q(8, 0), Q(23, 0) }, 1, 16 },
    { "a hash with two references yields both", { I(5, 1), I(5, 2) },
      { Q(5, 1, 2) }, 2, 16 },
    { "one start slot, three hashes: each its own",
      { I(1, 1), I(17, 2), I(33, 3) },
      { Q(1, 1), Q(17, 2), Q(33, 3), Q(49, 0) }, 3,
      16 },
    { "a run wraps around the end", { I(15, 1), I(31, 2), I(47, 3), I(16, 4) },
      { Q(15, 1), Q(47, 3), Q(16, 4), Q(0, 0) }, 4,
      16 },
    { "remove the head of a run", { I(1, 1), I(17, 2), I(33, 3), D(1, 1) },
      { Q(1, 0), Q(17, 2), Q(33, 3) }, 2, 16 },
    { "remove inside a run", { I(1, 1), I(17, 2), I(33, 3), D(17, 2) },
      { Q(1, 1), Q(17, 0), Q(33, 3) }, 2, 16 },
    { "remove the tail of a run", { I(1, 1), I(17, 2), I(33, 3), D(33, 3) },
      { Q(1, 1), Q(17, 2), Q(33, 0) }, 2, 16 },
    { "remove before the wrap",
      { I(15, 1), I(31, 2), I(47, 3), I(16, 4), D(15, 1) },
      { Q(31, 2), Q(47, 3), Q(16, 4) }, 3, 16 },
    /* Slots 1, 2, 3 hold hashes starting at 1, 2, 1: removing slot 1
     * must pull the third back past the second, which stays. */
    { "a slot at its own start stays, a later one moves past it",
      { I(1, 1), I(2, 2), I(17, 3), D(1, 1), I(18, 4) },
      { Q(2, 2), Q(17, 3), Q(18, 4), Q(1, 0) }, 3, 16 },
    { "remove one reference of a shared hash",
      { I(5, 1), I(5, 2), I(5, 3), D(5, 2) }, { Q(5, 1, 3) }, 2, 16 },
    { "removing what is not there changes nothing",
      { I(5, 1), DA(5, 2), DA(6, 1), DA(21, 1) }, { Q(5, 1) }, 1, 16 },
    { "insert again after a removal", { I(1, 1), D(1, 1), I(1, 1), DA(1, 2) },
      { Q(1, 1) }, 1, 16 },
    { "eight entries fill half: no growth",
      { I(0, 1), I(1, 2), I(2, 3), I(3, 4), I(4, 5), I(5, 6), I(6, 7),
        I(7, 8) },
      { Q(0, 1), Q(7, 8) }, 8, 16 },
    { "the ninth doubles the table, and all are found",
      { I(0, 1), I(16, 2), I(32, 3), I(3, 4), I(4, 5), I(5, 6), I(6, 7),
        I(7, 8), I(8, 9) },
      { Q(0, 1), Q(16, 2), Q(32, 3), Q(8, 9),
        Q(48, 0) }, 9, 32 },
    { "growth keeps a shared hash's references",
      { I(3, 1), I(3, 2), I(3, 3), I(3, 4), I(3, 5), I(3, 6), I(3, 7),
        I(3, 8), I(3, 9), D(3, 4) },
      { Q(3, 1, 2, 3, 5, 6, 7, 8, 9), Q(19, 0) }, 8, 32 },
};

static int by_value(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return (x > y) - (x < y);
}

/* The references a find for hash yields, sorted; how many (at most max
 * stored, at most 64 read, so that a probe that never ends still ends). */
static size_t found(const struct hashtab *t, uint32_t hash, uint32_t *out,
                    size_t max)
{
    struct hashtab_iter it;
    size_t n = 0;

    for (uint32_t ref = hashtab_find(t, hash, &it); ref != 0 && n < 64;
         ref = hashtab_next(&it)) {
        if (n < max)
            out[n] = ref;
        n++;
    }
    qsort(out, n < max ? n : max, sizeof(*out), by_value);
    return n;
}

/* The steps run; false with what went wrong in why. */
static bool run_steps(struct hashtab *t, const struct step *s, char *why,
                      size_t len)
{
    for (; s->op != END; s++) {
        bool ok = s->op == INS ? hashtab_insert(t, s->hash, s->ref) == 0
                  : s->op == DEL ? hashtab_remove(t, s->hash, s->ref)
                                 : !hashtab_remove(t, s->hash, s->ref);

        if (!ok) {
            snprintf(why, len, "step %s (%u, %u) failed",
                     s->op == INS ? "insert" : "remove", s->hash, s->ref);
            return false;
        }
    }
    return true;
}

/* The first query whose find is wrong, described in why. */
static bool check_queries(const struct hashtab *t, const struct query *q,
                          size_t nq, char *why, size_t len)
{
    for (size_t i = 0; i < nq && q[i].asked; i++) {
        uint32_t got[10];
        size_t want = 0, n = found(t, q[i].hash, got, 10);

        while (want < 10 && q[i].want[want] != 0)
            want++;
        if (n != want || memcmp(got, q[i].want, n * sizeof(*got)) != 0) {
            snprintf(why, len, "find %u: got %zu refs (first %u), want %zu "
                     "(first %u)", q[i].hash, n, n > 0 ? got[0] : 0, want,
                     q[i].want[0]);
            return false;
        }
    }
    return true;
}

/* The case on a table with or without the filter; false with why. */
static bool run_case(const struct tab_case *c, bool filtered, char *why,
                     size_t len)
{
    struct hashtab t;
    bool ok;

    hashtab_init(&t, filtered);
    ok = run_steps(&t, c->steps, why, len)
         && check_queries(&t, c->q, sizeof(c->q) / sizeof(c->q[0]), why,
                          len);
    if (ok && (t.used != c->used || t.nslots != c->nslots)) {
        snprintf(why, len, "got %zu used of %zu slots, want %zu of %zu",
                 t.used, t.nslots, c->used, c->nslots);
        ok = false;
    }
    hashtab_free(&t);
    return ok;
}

static void check_case(const struct tab_case *c)
{
    char why[160] = "", fwhy[160] = "";
    bool plain = run_case(c, false, why, sizeof(why));
    bool filtered = run_case(c, true, fwhy, sizeof(fwhy));

    TAP_OK(plain && filtered, c->name, "%s%s", plain ? "filtered: " : why,
           plain ? fwhy : "");
}

enum { NAMES = 10000 };

static char names[NAMES][16];

static uint32_t name_hash(size_t i)
{
    return hash_fold(hash_str(HASH_SEED, names[i]));
}

/* The name whose reference is ref + 1 among those under name i's hash:
 * how an owner finds a key. */
static bool has_name(const struct hashtab *t, size_t i)
{
    struct hashtab_iter it;

    for (uint32_t ref = hashtab_find(t, name_hash(i), &it); ref != 0;
         ref = hashtab_next(&it))
        if (strcmp(names[ref - 1], names[i]) == 0)
            return true;
    return false;
}

/* Names as an owner keeps them, through every growth from 16 slots to
 * 32,768; then every other one removed, with filtered tables too (a
 * removal leaves its filter bits, which must not hide the others). */
static void test_names(bool filtered)
{
    const char *kind = filtered ? "filtered" : "plain";
    struct hashtab t;
    size_t lost = 0, kept = 0, wrong = 0;
    char name[64];
    int rc = 0;

    hashtab_init(&t, filtered);
    for (size_t i = 0; i < NAMES && rc == 0; i++)
        rc = hashtab_insert(&t, name_hash(i), (uint32_t)i + 1);
    for (size_t i = 0; i < NAMES; i++)
        lost += !has_name(&t, i);
    snprintf(name, sizeof(name), "%s: 10,000 names each find their ref",
             kind);
    TAP_OK(rc == 0 && lost == 0 && t.nslots == 32768, name,
           "rc %d, %zu lost, %zu slots", rc, lost, t.nslots);
    for (size_t i = 0; i < NAMES; i += 2)
        wrong += !hashtab_remove(&t, name_hash(i), (uint32_t)i + 1);
    for (size_t i = 0; i < NAMES; i++) {
        if (i % 2 == 0)
            kept += has_name(&t, i);
        else
            lost += !has_name(&t, i);
    }
    snprintf(name, sizeof(name), "%s: half removed, the other half found",
             kind);
    TAP_OK(wrong == 0 && lost == 0 && kept == 0 && t.used == NAMES / 2, name,
           "%zu removals failed, %zu lost, %zu still found, %zu used", wrong,
           lost, kept, t.used);
    hashtab_free(&t);
}

static void test_reserve(void)
{
    struct hashtab t;
    const struct hashtab_slot *slots;
    int rc;

    hashtab_init(&t, true);
    rc = hashtab_reserve(&t, 1000);
    slots = t.slots;
    for (uint32_t i = 0; i < 1000 && rc == 0; i++)
        rc = hashtab_insert(&t, i * 2654435761u, i + 1);
    TAP_OK(rc == 0 && t.nslots == 2048 && t.slots == slots,
           "reserve: 1,000 inserts into 2,048 slots, none grows",
           "rc %d, %zu slots, moved %d", rc, t.nslots, t.slots != slots);
    TAP_INT(hashtab_reserve(&t, SIZE_MAX), -1, "reserve: too many refused");
    TAP_INT(t.nslots, 2048, "reserve: refused leaves the table");
    hashtab_free(&t);
    TAP_OK(t.slots == NULL && t.used == 0 && t.filtered,
           "free: empty again, still filtered", "slots %p used %zu",
           (void *)t.slots, t.used);
}

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_case(&cases[i]);
    for (size_t i = 0; i < NAMES; i++)
        snprintf(names[i], sizeof(names[i]), "p%zu-in", i);
    test_names(false);
    test_names(true);
    test_reserve();
    return tap_done();
}
