/* test_hash.c - the lib hash function: FNV-1a 64 as published, fed in
 * pieces or whole alike, strings with their terminators. */
#include <stdint.h>
#include <stdio.h>

#include "hash.h"
#include "tap.h"

struct hash_case {
    const char *name;
    const char *bytes;
    size_t n;
    uint64_t want;
};

/* FNV-1a 64 test vectors (draft-eastlake-fnv), and a string with its
 * terminator as hash_str takes it. */
static const struct hash_case cases[] = {
    { "nothing: the seed", "", 0, 0xcbf29ce484222325ULL },
    { "\"a\"", "a", 1, 0xaf63dc4c8601ec8cULL },
    { "\"foobar\"", "foobar", 6, 0x85944171f73967e8ULL },
    { "\"a\" and its NUL", "a", 2, 0x089be207b544f1e4ULL },
};

int main(void)
{
    char name[80];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct hash_case *c = &cases[i];
        uint64_t got = hash_bytes(HASH_SEED, c->bytes, c->n);

        snprintf(name, sizeof(name), "bytes: %s", c->name);
        TAP_OK(got == c->want, name, "got %016llx, want %016llx",
               (unsigned long long)got, (unsigned long long)c->want);
    }
    TAP_OK(hash_bytes(hash_bytes(HASH_SEED, "foo", 3), "bar", 3)
               == 0x85944171f73967e8ULL,
           "bytes: in two pieces as in one", "differs");
    TAP_OK(hash_str(HASH_SEED, "a") == 0x089be207b544f1e4ULL,
           "str: the terminator counted", "got %016llx",
           (unsigned long long)hash_str(HASH_SEED, "a"));
    TAP_OK(hash_str(hash_str(HASH_SEED, "ab"), "c")
               != hash_str(hash_str(HASH_SEED, "a"), "bc"),
           "str: fields do not run together", "\"ab\",\"c\" = \"a\",\"bc\"");
    TAP_INT(hash_fold(0x0000000100000002ULL), 3, "fold: high bits into low");
    return tap_done();
}
