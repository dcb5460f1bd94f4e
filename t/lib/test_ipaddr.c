/* test_ipaddr.c - addresses, CIDR parsing and containment at the edges,
 * and socket addresses as text. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

#include "ipaddr.h"
#include "tap.h"

struct addr_case {
    const char *name, *text;
    bool ok;
    int family;
};

static const struct addr_case addr_cases[] = {
    { "IPv4", "192.0.2.1", true, AF_INET },
    { "IPv6", "2001:db8::1", true, AF_INET6 },
    { "IPv6 upper case", "2001:DB8::1", true, AF_INET6 },
    { "mapped IPv6 is IPv4", "::ffff:192.0.2.1", true, AF_INET },
    { "Postfix IPv6: prefix", "IPv6:2001:db8::1", true, AF_INET6 },
    { "IPv6: prefix any case", "ipv6:2001:db8::1", true, AF_INET6 },
    { "IPv6: prefix, mapped", "IPv6:::ffff:192.0.2.1", true, AF_INET },
    { "IPv6: prefix on IPv4", "IPv6:192.0.2.1", false, 0 },
    { "compatible (not mapped) stays IPv6", "::192.0.2.1", true, AF_INET6 },
    { "empty", "", false, 0 },
    { "junk", "mx.example.com", false, 0 },
    { "three octets", "192.0.2", false, 0 },
    { "octet over 255", "192.0.2.256", false, 0 },
    { "leading zero", "192.0.2.01", false, 0 },
    { "trailing space", "192.0.2.1 ", false, 0 },
    { "brackets", "[192.0.2.1]", false, 0 },
    { "zone id", "fe80::1%eth0", false, 0 },
    { "a network is not an address", "192.0.2.0/24", false, 0 },
};

static void test_addresses(void)
{
    struct ft_ipaddr a;

    for (size_t i = 0; i < sizeof(addr_cases) / sizeof(addr_cases[0]); i++) {
        const struct addr_case *c = &addr_cases[i];
        bool ok = ipaddr_parse(c->text, &a);

        TAP_OK(ok == c->ok && (!ok || a.family == c->family), c->name,
               "got ok=%d family=%d, want ok=%d family=%d", ok,
               ok ? a.family : 0, c->ok, c->family);
    }
    TAP_OK(ipaddr_parse("::ffff:10.1.2.3", &a) && a.addr[0] == 10
           && a.addr[3] == 3 && a.addr[4] == 0 && a.addr[15] == 0,
           "mapped bytes moved to the front", "got %u.%u.%u.%u", a.addr[0],
           a.addr[1], a.addr[2], a.addr[3]);
    TAP_OK(!ipaddr_parse(NULL, &a), "NULL", "accepted");
}

struct cidr_case {
    const char *name, *text;
    bool ok;
    unsigned prefix;
};

static const struct cidr_case cidr_cases[] = {
    { "IPv4 /24", "203.0.113.0/24", true, 24 },
    { "IPv4 /0", "0.0.0.0/0", true, 0 },
    { "IPv4 /32", "203.0.113.5/32", true, 32 },
    { "bare IPv4 is /32", "203.0.113.5", true, 32 },
    { "IPv6 /32", "2001:db8::/32", true, 32 },
    { "IPv6 /0", "::/0", true, 0 },
    { "IPv6 /128", "2001:db8::1/128", true, 128 },
    { "bare IPv6 is /128", "2001:db8::1", true, 128 },
    { "IPv6: prefix", "IPv6:2001:db8::/32", true, 32 },
    { "mapped network becomes IPv4", "::ffff:10.0.0.0/104", true, 8 },
    { "mapped /128 becomes /32", "::ffff:10.0.0.1/128", true, 32 },
    { "mapped shorter than /96", "::ffff:0:0/80", false, 0 },
    { "host bits set IPv4", "10.0.0.1/8", false, 0 },
    { "host bit just below prefix", "10.128.0.0/8", false, 0 },
    { "last network bit set", "10.1.0.0/16", true, 16 },
    { "host bits set /0", "1.0.0.0/0", false, 0 },
    { "host bits set IPv6", "2001:db8::1/64", false, 0 },
    { "IPv4 prefix 33", "10.0.0.0/33", false, 0 },
    { "IPv6 prefix 129", "2001:db8::/129", false, 0 },
    { "empty prefix", "10.0.0.0/", false, 0 },
    { "negative prefix", "10.0.0.0/-1", false, 0 },
    { "plus sign", "10.0.0.0/+8", false, 0 },
    { "prefix junk", "10.0.0.0/8x", false, 0 },
    { "prefix spaces", "10.0.0.0/ 8", false, 0 },
    { "huge prefix", "10.0.0.0/4294967304", false, 0 },
    { "two slashes", "10.0.0.0/8/8", false, 0 },
    { "no address", "/8", false, 0 },
    { "name", "mx.example.com/32", false, 0 },
    { "empty", "", false, 0 },
};

static void test_cidr_parse(void)
{
    struct ft_cidr net;

    for (size_t i = 0; i < sizeof(cidr_cases) / sizeof(cidr_cases[0]); i++) {
        const struct cidr_case *c = &cidr_cases[i];
        bool ok = cidr_parse(c->text, &net);

        TAP_OK(ok == c->ok && (!ok || net.prefix == c->prefix), c->name,
               "got ok=%d prefix=%u, want ok=%d prefix=%u", ok,
               ok ? net.prefix : 0, c->ok, c->prefix);
    }
    TAP_OK(cidr_parse("::ffff:10.0.0.0/104", &net)
           && net.net.family == AF_INET, "mapped network family", "not v4");
    TAP_OK(!cidr_parse(NULL, &net), "NULL network", "accepted");
}

struct contains_case {
    const char *name, *net, *addr;
    bool want;
};

static const struct contains_case contains_cases[] = {
    { "v4 /24 first", "203.0.113.0/24", "203.0.113.0", true },
    { "v4 /24 last", "203.0.113.0/24", "203.0.113.255", true },
    { "v4 /24 just below", "203.0.113.0/24", "203.0.112.255", false },
    { "v4 /24 just above", "203.0.113.0/24", "203.0.114.0", false },
    { "v4 /23 odd boundary", "10.0.2.0/23", "10.0.3.255", true },
    { "v4 /23 just above", "10.0.2.0/23", "10.0.4.0", false },
    { "v4 /23 just below", "10.0.2.0/23", "10.0.1.255", false },
    { "v4 /0 contains any v4", "0.0.0.0/0", "198.51.100.7", true },
    { "v4 /0 contains no v6", "0.0.0.0/0", "2001:db8::1", false },
    { "v4 /32 itself", "192.0.2.1/32", "192.0.2.1", true },
    { "v4 /32 neighbour", "192.0.2.1/32", "192.0.2.2", false },
    { "v4 net, mapped address", "203.0.113.0/24", "::ffff:203.0.113.9",
      true },
    { "v4 net, IPv6: mapped address", "203.0.113.0/24",
      "IPv6:::ffff:203.0.113.9", true },
    { "v6 /32 first", "2001:db8::/32", "2001:db8::", true },
    { "v6 /32 last", "2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
      true },
    { "v6 /32 just below", "2001:db8::/32",
      "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false },
    { "v6 /32 just above", "2001:db8::/32", "2001:db9::", false },
    { "v6 /0 contains any v6", "::/0", "2001:db8::1", true },
    { "v6 /0 contains no v4", "::/0", "192.0.2.1", false },
    { "v6 /0 contains no mapped v4", "::/0", "::ffff:192.0.2.1", false },
    { "v6 /128 itself", "2001:db8::1/128", "2001:db8::1", true },
    { "v6 /128 neighbour", "2001:db8::1/128", "2001:db8::2", false },
    { "v6 /127 pair", "2001:db8::/127", "2001:db8::1", true },
    { "v6 /127 next", "2001:db8::/127", "2001:db8::2", false },
    { "mapped net, v4 address", "::ffff:10.0.0.0/104", "10.255.255.255",
      true },
    { "mapped net, v4 outside", "::ffff:10.0.0.0/104", "11.0.0.0", false },
};

static void test_contains(void)
{
    for (size_t i = 0; i < sizeof(contains_cases) / sizeof(contains_cases[0]);
         i++) {
        const struct contains_case *c = &contains_cases[i];
        struct ft_cidr net;
        struct ft_ipaddr addr;

        if (!cidr_parse(c->net, &net) || !ipaddr_parse(c->addr, &addr)) {
            TAP_OK(false, c->name, "cannot parse %s or %s", c->net, c->addr);
            continue;
        }
        TAP_INT(cidr_contains(&net, &addr), c->want, c->name);
    }
}

struct sockaddr_case {
    const char *name;
    int family;             /* AF_UNSPEC: a NULL address */
    const char *addr;       /* for AF_INET, AF_INET6 */
    unsigned port;
    bool with_port, ok;
    const char *want;
};

static const struct sockaddr_case sockaddr_cases[] = {
    { "IPv4", AF_INET, "192.0.2.1", 25, false, true, "192.0.2.1" },
    { "IPv4 with port", AF_INET, "192.0.2.1", 25, true, true, "192.0.2.1:25" },
    { "IPv6", AF_INET6, "2001:db8::1", 587, false, true, "2001:db8::1" },
    { "IPv6 with port in brackets", AF_INET6, "2001:db8::1", 587, true, true,
      "[2001:db8::1]:587" },
    { "highest port", AF_INET, "198.51.100.7", 65535, true, true,
      "198.51.100.7:65535" },
    { "mapped IPv6 stays as given", AF_INET6, "::ffff:192.0.2.1", 25, false,
      true, "::ffff:192.0.2.1" },
    { "eight full groups and a port fit", AF_INET6,
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535, true, true,
      "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535" },
    { "unix socket has no text", AF_UNIX, NULL, 0, true, false, "" },
    { "NULL has no text", AF_UNSPEC, NULL, 0, false, false, "" },
};

static void test_sockaddr_text(void)
{
    for (size_t i = 0; i < sizeof(sockaddr_cases) / sizeof(sockaddr_cases[0]);
         i++) {
        const struct sockaddr_case *c = &sockaddr_cases[i];
        struct sockaddr_storage ss;
        struct sockaddr_in *in = (void *)&ss;
        struct sockaddr_in6 *in6 = (void *)&ss;
        char out[FT_IPADDR_TEXT_MAX];
        bool ok;

        memset(&ss, 0, sizeof(ss));
        ss.ss_family = (sa_family_t)c->family;
        if (c->family == AF_INET) {
            inet_pton(AF_INET, c->addr, &in->sin_addr);
            in->sin_port = htons((unsigned short)c->port);
        } else if (c->family == AF_INET6) {
            inet_pton(AF_INET6, c->addr, &in6->sin6_addr);
            in6->sin6_port = htons((unsigned short)c->port);
        }
        memset(out, 'x', sizeof(out));
        ok = ipaddr_sockaddr_text(c->family == AF_UNSPEC ? NULL
                                  : (struct sockaddr *)&ss, c->with_port,
                                  out, sizeof(out));
        TAP_INT(ok, c->ok, c->name);
        TAP_STR(out, c->want, c->name);
    }
}

int main(void)
{
    test_addresses();
    test_cidr_parse();
    test_contains();
    test_sockaddr_text();
    return tap_done();
}
