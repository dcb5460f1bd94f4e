/* domainmap.h - domain -> connector index, by hash: a lookup costs the
 * same with ten domains or a hundred thousand. */
#ifndef FT_DOMAINMAP_H
#define FT_DOMAINMAP_H

#include <stdbool.h>
#include <stddef.h>

struct ft_domainmap;

struct ft_domainmap *domainmap_new(void);
void domainmap_free(struct ft_domainmap *map);

/* Add a normalized domain (wildcard: strict subdomains of it) for the
 * connector with index idx; -1 on allocation failure. Adding the same
 * (domain, wildcard, idx) twice is harmless. */
int domainmap_add(struct ft_domainmap *map, const char *domain,
                  bool wildcard, unsigned idx);

/* The connector indexes of the exact entry for domain (wildcard false) or
 * of its "*." entry (wildcard true); count in *n, NULL when none. */
const unsigned *domainmap_get(const struct ft_domainmap *map,
                              const char *domain, bool wildcard, size_t *n);

/* Every connector index whose patterns cover the normalized domain, in
 * ascending order without duplicates; returns how many were found (may
 * exceed max: only max are stored). */
size_t domainmap_match(const struct ft_domainmap *map, const char *domain,
                       unsigned *out, size_t max);

/* The most specific pattern covering domain: the exact entry, else the
 * "*." entry of the nearest parent. With subdomains_only, domain stands
 * for "any strict subdomain of domain" (a Postfix ".example.com" key), so
 * only "*." entries on it or a parent count. Returns false when none. */
bool domainmap_best(const struct ft_domainmap *map, const char *domain,
                    bool subdomains_only, unsigned *idx);

size_t domainmap_size(const struct ft_domainmap *map);

#endif
