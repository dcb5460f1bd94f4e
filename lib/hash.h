/* hash.h - the one hash function, 64-bit FNV-1a, fed one field after
 * another, so that a key of several parts is hashed without joining them
 * first. */
#ifndef FT_HASH_H
#define FT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Where every hash starts (FNV's offset basis). */
#define HASH_SEED 14695981039346656037ULL

/* h with the n bytes at p added. */
uint64_t hash_bytes(uint64_t h, const void *p, size_t n);

/* h with the string s and its terminator added, so that the fields "ab",
 * "c" and "a", "bc" hash apart. */
uint64_t hash_str(uint64_t h, const char *s);

/* 32 bits of h for a table slot, taken from all 64. */
uint32_t hash_fold(uint64_t h);

#endif
