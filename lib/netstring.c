/* netstring.c - socketmap netstrings; a bad or oversized one is reported,
 * never truncated. The length has no leading zeros and no sign, as in
 * D. J. Bernstein's definition that Postfix follows. */
#include <stdio.h>
#include <string.h>

#include "netstring.h"

static const char *const status_names[] = {
    "ok", "partial", "malformed", "too long",
};

const char *netstring_status_name(enum ft_netstring s)
{
    return status_names[s];
}

enum ft_netstring netstring_parse(const char *buf, size_t len, size_t max,
                                  const char **data, size_t *dlen,
                                  size_t *used)
{
    size_t n = 0, i;

    for (i = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
        if (i == 1 && buf[0] == '0')
            return NETSTRING_BAD;
        n = n * 10 + (size_t)(buf[i] - '0');
        /* Refuse as soon as the length is too big, before it overflows. */
        if (n > max)
            return NETSTRING_TOO_LONG;
    }
    if (i == len)
        return NETSTRING_PARTIAL;
    if (i == 0 || buf[i] != ':')
        return NETSTRING_BAD;
    /* digits, ':', payload, ',' */
    if (len - i - 1 < n + 1)
        return NETSTRING_PARTIAL;
    if (buf[i + 1 + n] != ',')
        return NETSTRING_BAD;
    *data = buf + i + 1;
    *dlen = n;
    *used = i + n + 2;
    return NETSTRING_OK;
}

size_t netstring_format(char *out, size_t outlen, const char *data,
                        size_t dlen)
{
    int head = snprintf(out, outlen, "%zu:", dlen);

    if (head < 0 || (size_t)head + dlen + 1 >= outlen)
        return 0;
    memcpy(out + head, data, dlen);
    out[(size_t)head + dlen] = ',';
    out[(size_t)head + dlen + 1] = '\0';
    return (size_t)head + dlen + 1;
}
