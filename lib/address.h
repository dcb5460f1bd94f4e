/* address.h - the domains an envelope address can end up at once Postfix
 * has rewritten and resolved it. */
#ifndef FT_ADDRESS_H
#define FT_ADDRESS_H

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
 * for the null sender or an address without a readable domain; -1 when it names more than FT_ADDRESS_DOMAINS or
 * memory runs out. */
int address_domains(const char *addr, struct ft_address_domains *out);

#endif
