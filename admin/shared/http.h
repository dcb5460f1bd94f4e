/* http.h - one HTTP request for a CRL or an OCSP answer, with a bounded
 * time and size; libcurl does the protocol. */
#ifndef FT_HTTP_H
#define FT_HTTP_H

#include <stddef.h>

/* Room for why a request failed (libcurl says at most 256 bytes). */
#define HTTP_ERR_LEN 300

struct http_reply {
    unsigned char *body;      /* free() it */
    size_t len;
    long ms;                  /* time taken, reached or not */
};

/* GET url, or POST body (of content_type) when body is not NULL; 0 with
 * a 2xx reply in out, else -1 with why in err (out->ms still set). */
int http_fetch(const char *url, const char *content_type,
               const unsigned char *body, size_t blen, int timeout,
               struct http_reply *out, char *err, size_t errlen);

#endif
