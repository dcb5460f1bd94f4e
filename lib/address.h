/* address.h - envelope addresses: the bare address, its domain, and the
 * domains it can end up at once Postfix has rewritten and resolved it. */
#ifndef FT_ADDRESS_H
#define FT_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "domain.h"

#define FT_ADDRESS_DOMAINS 8

struct ft_address_domains {
    char v[FT_ADDRESS_DOMAINS][FT_DOMAIN_MAX];
    size_t n;
};

/* The normalized domains addr ("<a@b.c>", "a@b.c") may reach: the one
 * after its last '@', and each one its local part names with '%', '!'
 * or a quoted '@' ("ceo%b.c" without any '@' reaches b.c too). 0 with none
 * for the null sender or an address without a readable domain; -1 when it
 * names more than FT_ADDRESS_DOMAINS or memory runs out. */
int address_domains(const char *addr, struct ft_address_domains *out);

/* The address without surrounding spaces and one pair of angle brackets
 * ("<a@b.c>" and "a@b.c" alike): its start, and its length in *len. */
const char *address_bare(const char *addr, size_t *len);

/* The normalized domain of an e-mail address ("<a@b.c>", "a@b.c");
 * false for the null sender or an address without a valid domain. */
bool address_domain(const char *addr, char *out, size_t len);

#endif
