/* revoke.c - revocation of one certificate, asked of every endpoint it
 * names: each CRL distribution point (the CRL fetched, its signature
 * checked with the issuer's key, its nextUpdate honoured) and each OCSP
 * responder of its Authority Information Access (a signed answer to our
 * nonce, checked with OCSP_basic_verify). OpenSSL parses every byte;
 * anything that proves nothing is "unknown", never "good". */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "certinfo.h"
#include "http.h"
#include "revoke.h"

/* How far apart our clock and a responder's may be, in seconds. */
#define OCSP_CLOCK_SKEW 300

static const char *const status_names[] = {
    "good", "unknown", "expired", "unreachable", "revoked",
};

const char *rev_status_name(enum rev_status s)
{
    return status_names[s];
}

struct answer {
    enum rev_status status;
    char detail[512];          /* after the status word; "" when none */
};

static enum rev_status say(struct answer *a, enum rev_status s,
                           const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum rev_status say(struct answer *a, enum rev_status s,
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
static enum rev_status say_revoked(struct answer *a, const ASN1_TIME *when,
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
                                 struct answer *a)
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

static enum rev_status ask_crl(const char *url, X509 *cert, X509 *issuer,
                               int timeout, struct answer *a, long *ms)
{
    struct http_reply r;
    X509_CRL *crl;
    char err[HTTP_ERR_LEN];

    if (http_fetch(url, NULL, NULL, 0, timeout, &r, err, sizeof(err)) != 0) {
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
                                  struct answer *a)
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

static enum rev_status ask_ocsp(const char *url, X509 *cert, X509 *issuer,
                                int timeout, struct answer *a, long *ms)
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
                        timeout, &r, err, sizeof(err)) != 0)
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

static void print_endpoint(FILE *out, const char *kind, const char *url,
                           const struct answer *a, long ms)
{
    if (out != NULL)
        fprintf(out, "  %s %s: %s%s (%s %ld ms)\n", kind, url,
           rev_status_name(a->status), a->detail,
           a->status == REV_UNREACHABLE ? "gave up after" : "reached in", ms);
}

/* The URIs of the CRL distribution points' full names. */
static enum rev_status each_crl(X509 *cert, X509 *issuer, int timeout,
                                FILE *out, int *asked)
{
    STACK_OF(DIST_POINT) *dps = X509_get_ext_d2i(cert,
                                                 NID_crl_distribution_points,
                                                 NULL, NULL);
    enum rev_status worst = REV_GOOD;
    struct answer a;
    long ms;

    for (int i = 0; i < sk_DIST_POINT_num(dps); i++) {
        DIST_POINT *dp = sk_DIST_POINT_value(dps, i);

        if (dp->distpoint == NULL || dp->distpoint->type != 0)
            continue;
        for (int j = 0; j < sk_GENERAL_NAME_num(dp->distpoint->name.fullname);
             j++) {
            GENERAL_NAME *gn = sk_GENERAL_NAME_value(
                dp->distpoint->name.fullname, j);
            const char *url;

            if (gn->type != GEN_URI)
                continue;
            url = (const char *)ASN1_STRING_get0_data(
                gn->d.uniformResourceIdentifier);
            ask_crl(url, cert, issuer, timeout, &a, &ms);
            print_endpoint(out, "CRL", url, &a, ms);
            worst = a.status > worst ? a.status : worst;
            (*asked)++;
        }
    }
    sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
    return worst;
}

static enum rev_status each_ocsp(X509 *cert, X509 *issuer, int timeout,
                                 FILE *out, int *asked)
{
    STACK_OF(OPENSSL_STRING) *urls = X509_get1_ocsp(cert);
    enum rev_status worst = REV_GOOD;
    struct answer a;
    long ms;

    for (int i = 0; i < sk_OPENSSL_STRING_num(urls); i++) {
        const char *url = sk_OPENSSL_STRING_value(urls, i);

        ask_ocsp(url, cert, issuer, timeout, &a, &ms);
        print_endpoint(out, "OCSP", url, &a, ms);
        worst = a.status > worst ? a.status : worst;
        (*asked)++;
    }
    X509_email_free(urls);
    return worst;
}

enum rev_status revoke_check_cert(X509 *cert, X509 *issuer, const char *label,
                                  int timeout, FILE *out)
{
    enum rev_status crl, ocsp;
    int asked = 0;

    if (out != NULL)
        fprintf(out, "revocation of %s:\n", label);
    if (issuer == NULL) {
        if (out != NULL)
            fprintf(out, "  unknown: its issuer's certificate is not at "
                    "hand, so no answer can be verified\n");
        return REV_UNKNOWN;
    }
    crl = each_crl(cert, issuer, timeout, out, &asked);
    ocsp = each_ocsp(cert, issuer, timeout, out, &asked);
    ERR_clear_error();
    if (asked == 0) {
        if (out != NULL)
            fprintf(out, "  unknown: the certificate names no CRL "
                    "distribution point and no OCSP responder\n");
        return REV_UNKNOWN;
    }
    return crl > ocsp ? crl : ocsp;
}

static bool self_signed(X509 *x)
{
    return X509_check_issued(x, x) == X509_V_OK;
}

enum rev_status revoke_check_chain(STACK_OF(X509) *chain, int timeout,
                                   FILE *out)
{
    enum rev_status worst = REV_GOOD, s;
    int n = sk_X509_num(chain);
    char label[FT_CERTINFO_TEXT + 32];
    struct ft_certinfo ci;

    for (int i = 0; i < n; i++) {
        X509 *x = sk_X509_value(chain, i);
        X509 *issuer = i + 1 < n ? sk_X509_value(chain, i + 1) : NULL;

        /* A root is trusted as it is: no one above it can revoke it. */
        if (self_signed(x))
            continue;
        certinfo_of(x, &ci);
        snprintf(label, sizeof(label), "certificate %d (%s)", i, ci.subject);
        if (issuer != NULL && X509_check_issued(issuer, x) != X509_V_OK)
            issuer = NULL;
        s = revoke_check_cert(x, issuer, label, timeout, out);
        worst = s > worst ? s : worst;
    }
    return worst;
}
