/* revoke.h - is a certificate revoked? Asked of every CRL distribution
 * point and OCSP responder it names, one printed line per endpoint,
 * within a budget of endpoints and time: the URLs are the certificate's
 * choice. */
#ifndef FT_REVOKE_H
#define FT_REVOKE_H

#include <stdbool.h>
#include <stdio.h>

#include <openssl/x509.h>

#include "http.h"

/* Best first: a certificate's status is the worst of its endpoints'. */
enum rev_status {
    REV_GOOD,
    REV_UNKNOWN,         /* no endpoint, or an answer that proves nothing */
    REV_EXPIRED,         /* a CRL past its nextUpdate, a stale OCSP answer */
    REV_UNREACHABLE,
    REV_REVOKED,
};

/* "good", "unknown", "expired", "unreachable", "revoked". */
const char *rev_status_name(enum rev_status s);

/* What one check may spend: endpoints asked, time, and what a request
 * may do; an endpoint beyond it is not asked, and says unknown. */
struct rev_budget {
    long until_ms;            /* tool_clock_ms() by which asking ends */
    long endpoint_ms;         /* the most one endpoint may take */
    int endpoints_left;
    struct http_limits http;
};

/* A budget of max_endpoints endpoints, endpoint_s seconds each and
 * total_s in all, requests bounded as http_limits says, allowed naming
 * the private networks that may be asked. */
void rev_budget_init(struct rev_budget *b, int max_endpoints, int endpoint_s,
                     int total_s, const struct ft_cidr *allowed,
                     size_t nallowed);

/* Every certificate of chain (leaf first) but a self-signed root, each
 * against the next one as its issuer; prints what each endpoint says to
 * out (NULL: nothing), returns the worst status. A chain that did not
 * verify is not asked about (a man in the middle chooses its URLs): it
 * is unknown. */
enum rev_status revoke_check_chain(STACK_OF(X509) *chain, bool verified,
                                   struct rev_budget *b, FILE *out);

/* One certificate issued by issuer (NULL: not known, so not checkable),
 * labelled as given; the worst status of its endpoints. */
enum rev_status revoke_check_cert(X509 *cert, X509 *issuer, const char *label,
                                  struct rev_budget *b, FILE *out);

#endif
