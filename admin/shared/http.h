/* http.h - one HTTP request for a CRL or an OCSP answer, with a bounded
 * time and size, to public addresses only unless told; libcurl does the
 * protocol. */
#ifndef FT_HTTP_H
#define FT_HTTP_H

#include <stddef.h>

#include "ipaddr.h"

/* Room for why a request failed (libcurl says at most 256 bytes). */
#define HTTP_ERR_LEN 300

/* What a certificate's URL may make us do: the URL is the partner's (or
 * a man in the middle's) choice. */
struct http_limits {
    size_t max_body;                  /* bytes; a larger reply fails */
    const struct ft_cidr *allowed;    /* loopback, private or link-local */
    size_t nallowed;                  /* networks that may still be asked */
};

struct http_reply {
    unsigned char *body;      /* free() it */
    size_t len;
    long ms;                  /* time taken, reached or not */
};

/* GET url, or POST body (of content_type) when body is not NULL, within
 * timeout_ms; 0 with a 2xx reply in out, else -1 with why in err
 * (out->ms still set). An address that is not public (loopback, private,
 * link-local, multicast, reserved), also after a redirect, is refused
 * unless lim allows its network. */
int http_fetch(const char *url, const char *content_type,
               const unsigned char *body, size_t blen, long timeout_ms,
               const struct http_limits *lim, struct http_reply *out,
               char *err, size_t errlen);

#endif
