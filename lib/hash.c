/* hash.c - 64-bit FNV-1a: one multiplication a byte, and names that
 * differ in one character land far apart. */
#include "hash.h"

#define FNV_PRIME 1099511628211ULL

uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint64_t hash_str(uint64_t h, const char *s)
{
    do {
        h ^= (unsigned char)*s;
        h *= FNV_PRIME;
    } while (*s++ != '\0');
    return h;
}

uint32_t hash_fold(uint64_t h)
{
    /* The low bits choose the slot; the high ones are FNV's best mixed. */
    return (uint32_t)(h ^ (h >> 32));
}
