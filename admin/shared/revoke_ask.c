/* revoke_ask.c - one revocation endpoint asked: a CRL distribution point
 * (the CRL fetched, its signature checked with the issuer's key, its
 * nextUpdate honoured) or an OCSP responder (a signed answer to our
 * nonce, checked with OCSP_basic_verify). OpenSSL parses every byte;
 * anything that proves nothing is "unknown", never "good". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "certinfo.h"
#include "revoke_ask.h"

/* How far apart our clock and a responder's may be, in seconds. */
#define OCSP_CLOCK_SKEW 300

static enum rev_status say(struct rev_answer *a, enum rev_status s,
                           const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum rev_status say(struct rev_answer *a, enum rev_status s,
                           const char *fmt, ...)
{
    va_list ap;

    a->status = s;
    va_start(ap, fmt);
    vsnprintf(a->detail, sizeof(a->detail), fmt, ap);
    va_end(ap);
    return s;
}

/* "revoked on DATE (reason)": the same words for a CRL and OCSP. */
static enum rev_status say_revoked(struct rev_answer *a, const ASN1_TIME *when,
                                   long reason)
{
    char date[64];

    certinfo_time(certinfo_asn1_time(when), date, sizeof(date));
    return say(a, REV_REVOKED, " on %s (%s)", date,
               reason >= 0 ? OCSP_crl_reason_str(reason) : "no reason given");
}

static long crl_reason(X509_REVOKED *rev)
{
    ASN1_ENUMERATED *e = X509_REVOKED_get_ext_d2i(rev, NID_crl_reason, NULL,
                                                  NULL);
    long reason = e != NULL ? ASN1_ENUMERATED_get(e) : -1;

    ASN1_ENUMERATED_free(e);
    return reason;
}

/* A CRL, DER as RFC 5280 says, or PEM as some servers send it. */
static X509_CRL *crl_parse(const unsigned char *body, size_t len)
{
    const unsigned char *p = body;
    X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)len);
    BIO *bio;

    if (crl == NULL && (bio = BIO_new_mem_buf(body, (int)len)) != NULL) {
        crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL);
        BIO_free(bio);
    }
    return crl;
}

static enum rev_status crl_judge(X509_CRL *crl, X509 *cert, X509 *issuer,
                                 struct rev_answer *a)
{
    const ASN1_TIME *next = X509_CRL_get0_nextUpdate(crl);
    X509_REVOKED *rev = NULL;
    char date[64];

    if (X509_NAME_cmp(X509_CRL_get_issuer(crl),
                      X509_get_subject_name(issuer)) != 0)
        return say(a, REV_UNKNOWN, ": the CRL is not from the certificate's "
                   "issuer");
    if (X509_CRL_verify(crl, X509_get0_pubkey(issuer)) != 1)
        return say(a, REV_UNKNOWN, ": the CRL's signature does not verify "
                   "with the issuer's key");
    if (X509_CRL_get0_by_cert(crl, &rev, cert) == 1)
        return say_revoked(a, X509_REVOKED_get0_revocationDate(rev),
                           crl_reason(rev));
    if (next != NULL && X509_cmp_current_time(next) < 0) {
        certinfo_time(certinfo_asn1_time(next), date, sizeof(date));
        return say(a, REV_EXPIRED, ": next update was due %s", date);
    }
    return say(a, REV_GOOD, "%s", "");
}

enum rev_status rev_ask_crl(const char *url, X509 *cert, X509 *issuer,
                            long timeout_ms, const struct http_limits *lim,
                            struct rev_answer *a, long *ms)
{
    struct http_reply r;
    X509_CRL *crl;
    char err[HTTP_ERR_LEN];

    if (http_fetch(url, NULL, NULL, 0, timeout_ms, lim, &r, err,
                   sizeof(err)) != 0) {
        *ms = r.ms;
        return say(a, REV_UNREACHABLE, ": %s", err);
    }
    *ms = r.ms;
    if ((crl = crl_parse(r.body, r.len)) == NULL)
        say(a, REV_UNKNOWN, ": the reply is not a CRL");
    else
        crl_judge(crl, cert, issuer, a);
    X509_CRL_free(crl);
    free(r.body);
    return a->status;
}

/* A basic response that answers our question, signed by the issuer or
 * a responder it delegated to. */
static enum rev_status ocsp_judge(OCSP_RESPONSE *resp, OCSP_REQUEST *req,
                                  OCSP_CERTID *id, X509 *issuer,
                                  struct rev_answer *a)
{
    OCSP_BASICRESP *basic = NULL;
    STACK_OF(X509) *certs = sk_X509_new_null();
    X509_STORE *store = X509_STORE_new();
    ASN1_GENERALIZEDTIME *revoked_at, *this_upd, *next_upd;
    int status, reason;

    if (OCSP_response_status(resp) != OCSP_RESPONSE_STATUS_SUCCESSFUL)
        say(a, REV_UNKNOWN, ": the responder answered \"%s\"",
            OCSP_response_status_str(OCSP_response_status(resp)));
    else if ((basic = OCSP_response_get1_basic(resp)) == NULL)
        say(a, REV_UNKNOWN, ": the answer is not a basic OCSP response");
    else if (OCSP_check_nonce(req, basic) <= 0)
        say(a, REV_UNKNOWN, ": the answer does not carry our nonce");
    else if (certs == NULL || store == NULL || !sk_X509_push(certs, issuer)
             || !X509_STORE_add_cert(store, issuer)
             || OCSP_basic_verify(basic, certs, store,
                                  OCSP_TRUSTOTHER | OCSP_PARTIAL_CHAIN) != 1)
        say(a, REV_UNKNOWN, ": the answer's signature does not verify with "
            "the issuer");
    else if (!OCSP_resp_find_status(basic, id, &status, &reason, &revoked_at,
                                    &this_upd, &next_upd))
        say(a, REV_UNKNOWN, ": the answer is about another certificate");
    else if (status == V_OCSP_CERTSTATUS_REVOKED)
        say_revoked(a, revoked_at, reason);
    else if (!OCSP_check_validity(this_upd, next_upd, OCSP_CLOCK_SKEW, -1))
        say(a, REV_EXPIRED, ": the answer is outside its validity period");
    else if (status == V_OCSP_CERTSTATUS_GOOD)
        say(a, REV_GOOD, "%s", "");
    else
        say(a, REV_UNKNOWN, ": the responder does not know the certificate");
    sk_X509_free(certs);
    X509_STORE_free(store);
    OCSP_BASICRESP_free(basic);
    return a->status;
}

enum rev_status rev_ask_ocsp(const char *url, X509 *cert, X509 *issuer,
                             long timeout_ms, const struct http_limits *lim,
                             struct rev_answer *a, long *ms)
{
    OCSP_REQUEST *req = OCSP_REQUEST_new();
    OCSP_CERTID *id = OCSP_cert_to_id(NULL, cert, issuer), *id_copy = NULL;
    OCSP_RESPONSE *resp = NULL;
    unsigned char *der = NULL;
    const unsigned char *p;
    struct http_reply r = { 0 };
    char err[HTTP_ERR_LEN];
    int len;

    *ms = 0;
    if (req == NULL || id == NULL || (id_copy = OCSP_CERTID_dup(id)) == NULL
        || OCSP_request_add0_id(req, id_copy) == NULL
        || OCSP_request_add1_nonce(req, NULL, -1) != 1
        || (len = i2d_OCSP_REQUEST(req, &der)) <= 0)
        say(a, REV_UNKNOWN, ": cannot build the OCSP request");
    else if (http_fetch(url, "application/ocsp-request", der, (size_t)len,
                        timeout_ms, lim, &r, err, sizeof(err)) != 0)
        say(a, REV_UNREACHABLE, ": %s", err);
    else if ((p = r.body, resp = d2i_OCSP_RESPONSE(NULL, &p, (long)r.len))
             == NULL)
        say(a, REV_UNKNOWN, ": the reply is not an OCSP response");
    else
        ocsp_judge(resp, req, id, issuer, a);
    *ms = r.ms;
    OCSP_RESPONSE_free(resp);
    OPENSSL_free(der);
    free(r.body);
    OCSP_CERTID_free(id);
    OCSP_REQUEST_free(req);
    return a->status;
}

