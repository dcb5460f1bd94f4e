/* revoke.h - is a certificate revoked? Asked of every CRL distribution
 * point and OCSP responder it names, one printed line per endpoint. */
#ifndef FT_REVOKE_H
#define FT_REVOKE_H

#include <stdio.h>

#include <openssl/x509.h>

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

/* Every certificate of chain (leaf first) but a self-signed root, each
 * against the next one as its issuer, within timeout seconds per
 * endpoint; prints what each endpoint says to out (NULL: nothing),
 * returns the worst status. */
enum rev_status revoke_check_chain(STACK_OF(X509) *chain, int timeout,
                                   FILE *out);

/* One certificate issued by issuer (NULL: not known, so not checkable),
 * labelled as given; the worst status of its endpoints. */
enum rev_status revoke_check_cert(X509 *cert, X509 *issuer, const char *label,
                                  int timeout, FILE *out);

#endif
