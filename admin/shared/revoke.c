/* revoke.c - revocation of a chain or one certificate: every CRL
 * distribution point and every OCSP responder of its Authority
 * Information Access asked in turn (revoke_ask.c), as far as the budget
 * goes; an endpoint left unasked makes the answer unknown, never good. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "certinfo.h"
#include "revoke.h"
#include "revoke_ask.h"
#include "safetext.h"
#include "tool.h"

static const char *const status_names[] = {
    "good", "unknown", "expired", "unreachable", "revoked",
};

const char *rev_status_name(enum rev_status s)
{
    return status_names[s];
}

/* Public CAs' CRLs are a few megabytes; parsing one costs about ten
 * times its size in memory. */
#define REVOKE_MAX_BODY (10 * 1024 * 1024)

void rev_budget_init(struct rev_budget *b, int max_endpoints, int endpoint_s,
                     int total_s, const struct ft_cidr *allowed,
                     size_t nallowed)
{
    b->until_ms = tool_clock_ms() + total_s * 1000L;
    b->endpoint_ms = endpoint_s * 1000L;
    b->endpoints_left = max_endpoints;
    b->http.max_body = REVOKE_MAX_BODY;
    b->http.allowed = allowed;
    b->http.nallowed = nallowed;
}

typedef enum rev_status ask_fn(const char *url, X509 *cert, X509 *issuer,
                               long timeout_ms, const struct http_limits *lim,
                               struct rev_answer *a, long *ms);

/* Ask one endpoint if the budget allows, and print its line. */
static enum rev_status ask(ask_fn *fn, const char *kind, const char *url,
                           X509 *cert, X509 *issuer, struct rev_budget *b,
                           FILE *out)
{
    struct rev_answer a = { REV_UNKNOWN, "" };
    long left = b->until_ms - tool_clock_ms(), ms = 0;
    char shown[4 * 512];

    if (b->endpoints_left <= 0)
        snprintf(a.detail, sizeof(a.detail), ": not asked: more endpoints "
                 "than a check asks");
    else if (left <= 0)
        snprintf(a.detail, sizeof(a.detail), ": not asked: the time for "
                 "revocation checks ran out");
    else {
        b->endpoints_left--;
        fn(url, cert, issuer, left < b->endpoint_ms ? left : b->endpoint_ms,
           &b->http, &a, &ms);
    }
    if (out != NULL)
        fprintf(out, "  %s %s: %s%s (%s %ld ms)\n", kind,
                safetext(shown, sizeof(shown), url),
                rev_status_name(a.status), a.detail,
                a.status == REV_UNREACHABLE ? "gave up after" : "reached in",
                ms);
    return a.status;
}

/* The URIs of the CRL distribution points' full names. */
static enum rev_status each_crl(X509 *cert, X509 *issuer, struct rev_budget *b,
                                FILE *out, int *asked)
{
    STACK_OF(DIST_POINT) *dps = X509_get_ext_d2i(cert,
                                                 NID_crl_distribution_points,
                                                 NULL, NULL);
    enum rev_status worst = REV_GOOD, s;

    for (int i = 0; i < sk_DIST_POINT_num(dps); i++) {
        DIST_POINT *dp = sk_DIST_POINT_value(dps, i);

        if (dp->distpoint == NULL || dp->distpoint->type != 0)
            continue;
        for (int j = 0; j < sk_GENERAL_NAME_num(dp->distpoint->name.fullname);
             j++) {
            GENERAL_NAME *gn = sk_GENERAL_NAME_value(
                dp->distpoint->name.fullname, j);

            if (gn->type != GEN_URI)
                continue;
            s = ask(rev_ask_crl, "CRL", (const char *)ASN1_STRING_get0_data(
                        gn->d.uniformResourceIdentifier), cert, issuer, b,
                    out);
            worst = s > worst ? s : worst;
            (*asked)++;
        }
    }
    sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
    return worst;
}

static enum rev_status each_ocsp(X509 *cert, X509 *issuer,
                                 struct rev_budget *b, FILE *out, int *asked)
{
    STACK_OF(OPENSSL_STRING) *urls = X509_get1_ocsp(cert);
    enum rev_status worst = REV_GOOD, s;

    for (int i = 0; i < sk_OPENSSL_STRING_num(urls); i++) {
        s = ask(rev_ask_ocsp, "OCSP", sk_OPENSSL_STRING_value(urls, i), cert,
                issuer, b, out);
        worst = s > worst ? s : worst;
        (*asked)++;
    }
    X509_email_free(urls);
    return worst;
}

enum rev_status revoke_check_cert(X509 *cert, X509 *issuer, const char *label,
                                  struct rev_budget *b, FILE *out)
{
    enum rev_status crl, ocsp;
    char shown[4 * FT_CERTINFO_TEXT + 64];
    int asked = 0;

    if (out != NULL)
        fprintf(out, "revocation of %s:\n",
                safetext(shown, sizeof(shown), label));
    if (issuer == NULL) {
        if (out != NULL)
            fprintf(out, "  unknown: its issuer's certificate is not at "
                    "hand, so no answer can be verified\n");
        return REV_UNKNOWN;
    }
    crl = each_crl(cert, issuer, b, out, &asked);
    ocsp = each_ocsp(cert, issuer, b, out, &asked);
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

enum rev_status revoke_check_chain(STACK_OF(X509) *chain, bool verified,
                                   struct rev_budget *b, FILE *out)
{
    enum rev_status worst = REV_GOOD, s;
    int n = sk_X509_num(chain);
    char label[FT_CERTINFO_TEXT + 32];
    struct ft_certinfo ci;

    if (!verified) {
        if (out != NULL)
            fprintf(out, "revocation not asked: the chain did not verify, "
                    "so the endpoints it names are not trusted\n");
        return REV_UNKNOWN;
    }
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
        s = revoke_check_cert(x, issuer, label, b, out);
        worst = s > worst ? s : worst;
    }
    return worst;
}
