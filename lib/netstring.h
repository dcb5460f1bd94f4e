/* netstring.h - netstrings ("5:hello,") as the Postfix socketmap protocol
 * frames its requests and replies. */
#ifndef FT_NETSTRING_H
#define FT_NETSTRING_H

#include <stddef.h>

enum ft_netstring {
    NETSTRING_OK,         /* one whole netstring */
    NETSTRING_PARTIAL,    /* well-formed so far: read more */
    NETSTRING_BAD,        /* not a netstring: bad length or terminator */
    NETSTRING_TOO_LONG,   /* announces more than the caller accepts */
};

/* Parse the netstring at the start of buf[0..len), accepting payloads of at
 * most max bytes. On NETSTRING_OK, *data and *dlen are the payload (inside
 * buf) and *used the bytes the whole netstring takes. A bad or oversized
 * netstring is reported as soon as its first bytes show it, never cut. */
enum ft_netstring netstring_parse(const char *buf, size_t len, size_t max,
                                  const char **data, size_t *dlen,
                                  size_t *used);

/* Write data[0..dlen) as a netstring into out; the length written
 * (without a NUL), or 0 when it does not fit in outlen bytes. */
size_t netstring_format(char *out, size_t outlen, const char *data,
                        size_t dlen);

/* "ok", "partial", "malformed", "too long", for log lines. */
const char *netstring_status_name(enum ft_netstring s);

#endif
