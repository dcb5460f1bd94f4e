/* fuzz_cidr.c - client addresses and networks: a parsed network contains
 * its own address, and a bare address is a host network. */
#include <sys/socket.h>

#include "fuzz.h"
#include "ipaddr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size), *f[2];
    struct ft_cidr net;
    struct ft_ipaddr ip;

    fuzz_fields(s, '\n', f, 2);
    if (cidr_parse(f[0], &net)) {
        FUZZ_CHECK(net.prefix <= (net.net.family == AF_INET ? 32u : 128u));
        FUZZ_CHECK(cidr_contains(&net, &net.net));
        if (f[1] != NULL && ipaddr_parse(f[1], &ip))
            (void)cidr_contains(&net, &ip);
    }
    if (ipaddr_parse(f[0], &ip) && cidr_parse(f[0], &net))
        FUZZ_CHECK(cidr_contains(&net, &ip));
    free(s);
    return 0;
}
