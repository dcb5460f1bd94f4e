/* fuzz_netstring.c - socketmap netstrings: a parse either takes a whole
 * netstring inside the input or says why not, and what it takes formats
 * back to the same bytes. */
#include "fuzz.h"
#include "netstring.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data, *payload;
    size_t used, dlen, max = size > 0 ? data[0] * 8u : 0;
    char again[4096];

    log_set_sink(fuzz_no_log);
    while (size > 0) {
        enum ft_netstring st = netstring_parse(buf, size, max, &payload,
                                               &dlen, &used);
        if (st != NETSTRING_OK)
            break;
        FUZZ_CHECK(used <= size && dlen <= max);
        FUZZ_CHECK(payload >= buf && payload + dlen < buf + used);
        if (used < sizeof(again)) {
            FUZZ_CHECK(netstring_format(again, sizeof(again), payload, dlen)
                       == used);
            FUZZ_CHECK(memcmp(again, buf, used) == 0);
        }
        buf += used;
        size -= used;
    }
    return 0;
}
