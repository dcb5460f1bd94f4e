/* revoke_ask.h - one CRL distribution point or OCSP responder asked about
 * one certificate, within a time and the limits of a request. */
#ifndef FT_REVOKE_ASK_H
#define FT_REVOKE_ASK_H

#include <openssl/x509.h>

#include "http.h"
#include "revoke.h"

struct rev_answer {
    enum rev_status status;
    char detail[512];          /* after the status word; "" when none */
};

/* What the CRL at url says of cert, issued by issuer; *ms the time it
 * took. The status, also in a. */
enum rev_status rev_ask_crl(const char *url, X509 *cert, X509 *issuer,
                            long timeout_ms, const struct http_limits *lim,
                            struct rev_answer *a, long *ms);

/* What the OCSP responder at url says of cert. */
enum rev_status rev_ask_ocsp(const char *url, X509 *cert, X509 *issuer,
                             long timeout_ms, const struct http_limits *lim,
                             struct rev_answer *a, long *ms);

#endif
