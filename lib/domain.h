/* domain.h - domain names and domain patterns as connectors list them. */
#ifndef FT_DOMAIN_H
#define FT_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>

#define FT_DOMAIN_MAX 254   /* 253 octets and the NUL */

/* Lower-case name, drop one trailing dot; false when it is not a valid
 * domain name (empty, label over 63 or name over 253 octets, bad byte). */
bool domain_normalize(const char *in, char *out, size_t len);

/* The domain of a pattern: "example.com" for "*.example.com" (wildcard
 * true: strict subdomains only) and for "example.com" (wildcard false).
 * wildcard may be NULL. */
const char *domain_pattern_base(const char *pattern, bool *wildcard);

/* Parse "example.com" or "*.example.com" into the normalized base domain
 * and whether it covers strict subdomains only. */
bool domain_pattern_parse(const char *in, char *out, size_t len,
                          bool *wildcard);

#endif
