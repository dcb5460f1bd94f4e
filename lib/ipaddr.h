/* ipaddr.h - IPv4/IPv6 addresses and CIDR networks. */
#ifndef FT_IPADDR_H
#define FT_IPADDR_H

#include <stdbool.h>

struct ft_ipaddr {
    int family;                 /* AF_INET or AF_INET6 */
    unsigned char addr[16];     /* network order; IPv4 in the first 4 */
};

struct ft_cidr {
    struct ft_ipaddr net;
    unsigned prefix;
};

/* Parse a textual address; IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes IPv4.
 * A Postfix "IPv6:" prefix is accepted. */
bool ipaddr_parse(const char *text, struct ft_ipaddr *out);

/* Parse "a.b.c.d/n", "x::/n" or a bare address (a host network); false
 * when host bits are set below the prefix or the prefix is too long. */
bool cidr_parse(const char *text, struct ft_cidr *out);

bool cidr_contains(const struct ft_cidr *net, const struct ft_ipaddr *addr);

#endif
