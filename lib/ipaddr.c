/* ipaddr.c - IPv4/IPv6 addresses and CIDR networks; an IPv4-mapped IPv6
 * address is IPv4, and a network with host bits set is refused, not
 * silently widened. Socket addresses are formatted here, one way for
 * every program; no socket is opened. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "ipaddr.h"

#define CIDR_TEXT_MAX 80        /* "IPv6:" + the longest IPv6 text + "/128" */

static const unsigned char v4mapped[12] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/* inet_pton() alone: no mapping, so that cidr_parse() can look at the
 * prefix before deciding. "IPv6:" is how Postfix writes IPv6 literals. */
static bool parse_raw(const char *text, struct ft_ipaddr *out)
{
    bool v6 = strncasecmp(text, "IPv6:", 5) == 0;

    memset(out, 0, sizeof(*out));
    if (v6)
        text += 5;
    if (v6 || strchr(text, ':') != NULL) {
        out->family = AF_INET6;
        return inet_pton(AF_INET6, text, out->addr) == 1;
    }
    out->family = AF_INET;
    return inet_pton(AF_INET, text, out->addr) == 1;
}

static bool is_mapped(const struct ft_ipaddr *a)
{
    return a->family == AF_INET6
           && memcmp(a->addr, v4mapped, sizeof(v4mapped)) == 0;
}

static void unmap(struct ft_ipaddr *a)
{
    memmove(a->addr, a->addr + 12, 4);
    memset(a->addr + 4, 0, 12);
    a->family = AF_INET;
}

bool ipaddr_parse(const char *text, struct ft_ipaddr *out)
{
    if (text == NULL || !parse_raw(text, out))
        return false;
    if (is_mapped(out))
        unmap(out);
    return true;
}

/* A decimal prefix length: digits only, no sign, no spaces. */
static bool parse_prefix(const char *s, unsigned *out)
{
    unsigned n = 0;

    if (*s == '\0' || strlen(s) > 3)
        return false;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return false;
        n = n * 10 + (unsigned)(*s - '0');
    }
    *out = n;
    return true;
}

/* True when every bit of a below prefix is zero. */
static bool host_bits_clear(const unsigned char *a, unsigned prefix,
                            unsigned bits)
{
    for (unsigned i = prefix; i < bits; i++) {
        if (a[i / 8] & (0x80 >> (i % 8)))
            return false;
    }
    return true;
}

bool cidr_parse(const char *text, struct ft_cidr *out)
{
    char buf[CIDR_TEXT_MAX];
    char *slash;
    unsigned prefix, bits;

    if (text == NULL || strlen(text) >= sizeof(buf))
        return false;
    strcpy(buf, text);
    if ((slash = strchr(buf, '/')) != NULL)
        *slash++ = '\0';
    if (!parse_raw(buf, &out->net))
        return false;
    bits = out->net.family == AF_INET ? 32 : 128;
    prefix = bits;
    if (slash != NULL && (!parse_prefix(slash, &prefix) || prefix > bits))
        return false;
    /* "::ffff:10.0.0.0/104" is 10.0.0.0/8; a shorter mapped prefix would
     * reach beyond the mapped range, which no IPv4 network can express. */
    if (is_mapped(&out->net)) {
        if (prefix < 96)
            return false;
        unmap(&out->net);
        prefix -= 96;
        bits = 32;
    }
    out->prefix = prefix;
    return host_bits_clear(out->net.addr, prefix, bits);
}

bool cidr_contains(const struct ft_cidr *net, const struct ft_ipaddr *addr)
{
    unsigned whole = net->prefix / 8, rest = net->prefix % 8;

    if (net->net.family != addr->family)
        return false;
    if (memcmp(net->net.addr, addr->addr, whole) != 0)
        return false;
    if (rest == 0)
        return true;
    return ((net->net.addr[whole] ^ addr->addr[whole])
            & (0xff00 >> rest) & 0xff) == 0;
}

/* The address as the kernel gave it: a mapped IPv6 one stays
 * "::ffff:a.b.c.d" (ipaddr_parse() reads that as IPv4). */
bool ipaddr_sockaddr_text(const struct sockaddr *sa, bool with_port,
                          char *out, size_t len)
{
    char ip[INET6_ADDRSTRLEN];
    const void *addr;
    unsigned port;

    if (len > 0)
        out[0] = '\0';
    if (sa == NULL)
        return false;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const void *)sa;

        addr = &in->sin_addr;
        port = ntohs(in->sin_port);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const void *)sa;

        addr = &in6->sin6_addr;
        port = ntohs(in6->sin6_port);
    } else {
        return false;
    }
    if (inet_ntop(sa->sa_family, addr, ip, sizeof(ip)) == NULL)
        return false;
    if (!with_port)
        snprintf(out, len, "%s", ip);
    else
        snprintf(out, len, sa->sa_family == AF_INET6 ? "[%s]:%u" : "%s:%u",
                 ip, port);
    return true;
}
