/* ipaddr.h - IPv4/IPv6 addresses, CIDR networks, and socket addresses
 * as text. */
#ifndef FT_IPADDR_H
#define FT_IPADDR_H

#include <stdbool.h>
#include <stddef.h>

struct sockaddr;

/* "[", the longest IPv6 text, "]:65535" and the NUL. */
#define FT_IPADDR_TEXT_MAX 54

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

/* An IPv4 or IPv6 socket address as text: "192.0.2.1", "2001:db8::1", or
 * with_port "192.0.2.1:25", "[2001:db8::1]:25"; false with out "" for
 * NULL or another family (the caller says what stands for it). */
bool ipaddr_sockaddr_text(const struct sockaddr *sa, bool with_port,
                          char *out, size_t len);

#endif
