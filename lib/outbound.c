/* outbound.c - the checks Postfix's SMTP client makes under an
 * smtp_tls_policy_maps level, replayed against a probe or a logged
 * delivery. What a log cannot show (DANE, a pin under opportunistic TLS)
 * is reported as not judged, never as passed. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "certname.h"
#include "cipher.h"
#include "domain.h"
#include "outbound.h"
#include "tlspolicy.h"

static const char *const trust_names[] = {
    "Anonymous", "Untrusted", "Trusted", "Verified",
};

const char *outbound_trust_name(enum ft_trust t)
{
    return trust_names[t];
}

bool outbound_trust_parse(const char *word, size_t len, enum ft_trust *out)
{
    for (size_t i = 0; i < sizeof(trust_names) / sizeof(trust_names[0]); i++)
        if (strlen(trust_names[i]) == len
            && strncmp(word, trust_names[i], len) == 0) {
            *out = (enum ft_trust)i;
            return true;
        }
    return false;
}

static enum ft_judgement judged(struct ft_result *r, enum ft_judgement j,
                                enum ft_failure f, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum ft_judgement judged(struct ft_result *r, enum ft_judgement j,
                                enum ft_failure f, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    result_vset(r, f, fmt, ap);
    va_end(ap);
    return j;
}

/* One certificate name against the connector's match= list, as Postfix
 * matches it: certificate_names written as smtp_tls_policy_maps does
 * ("*.x" is ".x"); none listed, secure's default "nexthop:dot-nexthop"
 * (verify's default, the MX host name, a probe cannot second-guess). */
static bool name_matches(const struct ft_connector *c, const char *name,
                         const char *nexthop, bool multi_label)
{
    char dot_nexthop[FT_DOMAIN_MAX + 1];

    for (size_t i = 0; i < c->cert_names.n; i++)
        if (certname_postfix_match(tlspolicy_key(c->cert_names.v[i]), name,
                                   multi_label))
            return true;
    if (c->cert_names.n > 0 || nexthop == NULL)
        return false;
    if (certname_postfix_match(nexthop, name, multi_label))
        return true;
    /* A cut suffix could match another domain: no dot-nexthop then. */
    return (size_t)snprintf(dot_nexthop, sizeof(dot_nexthop), ".%s", nexthop)
               < sizeof(dot_nexthop)
        && certname_postfix_match(dot_nexthop, name, multi_label);
}

static enum ft_judgement judge_names(const struct ft_connector *c,
                                     const struct ft_peer *p,
                                     const char *nexthop, struct ft_result *r)
{
    if (p->names == NULL)
        return judged(r, p->trust == FT_TRUST_VERIFIED ? FT_JUDGE_PASS
                      : FT_JUDGE_UNKNOWN, FT_FAIL_NONE,
                      p->trust == FT_TRUST_VERIFIED ? "all requirements met"
                      : "certificate trusted; its names are not logged under "
                        "opportunistic TLS");
    if (c->level == FT_LEVEL_VERIFY && c->cert_names.n == 0)
        return judged(r, FT_JUDGE_PASS, FT_FAIL_NONE, "all requirements met");
    for (size_t i = 0; i < p->nnames; i++)
        if (name_matches(c, p->names[i], nexthop, p->multi_label))
            return judged(r, FT_JUDGE_PASS, FT_FAIL_NONE,
                          "all requirements met");
    return judged(r, FT_JUDGE_FAIL, FT_FAIL_CERTIFICATE, "certificate name "
                  "%s does not match %s", p->nnames ? p->names[0] : "(none)",
                  c->cert_names.n ? "certificate_names"
                                  : "the domain or a subdomain of it");
}

static enum ft_judgement judge_pins(const struct ft_connector *c,
                                    const struct ft_peer *p,
                                    struct ft_result *r)
{
    if (p->cert_fp == NULL)
        return judged(r, FT_JUDGE_UNKNOWN, FT_FAIL_NONE, "fingerprints are "
                      "not logged under opportunistic TLS");
    for (size_t i = 0; i < c->pins.n; i++)
        if (strcmp(c->pins.v[i], p->cert_fp) == 0
            || (p->pkey_fp && strcmp(c->pins.v[i], p->pkey_fp) == 0))
            return judged(r, FT_JUDGE_PASS, FT_FAIL_NONE,
                          "all requirements met");
    return judged(r, FT_JUDGE_FAIL, FT_FAIL_CERTIFICATE, "certificate "
                  "fingerprint %s is not pinned", p->cert_fp);
}

/* min_key_bits, once everything else passed: Postfix itself does not
 * check it, so it is this connector's own requirement, judged by probe. */
static enum ft_judgement judge_key(const struct ft_connector *c,
                                   const struct ft_peer *p,
                                   enum ft_judgement j, struct ft_result *r)
{
    if (j != FT_JUDGE_PASS || c->min_key_bits == 0)
        return j;
    if (p->key_bits == 0)
        return judged(r, FT_JUDGE_UNKNOWN, FT_FAIL_NONE, "the server's key "
                      "size is not known here");
    if (p->key_bits < c->min_key_bits)
        return judged(r, FT_JUDGE_FAIL, FT_FAIL_CERTIFICATE, "server key of "
                      "%d bits below min_key_bits %d", p->key_bits,
                      c->min_key_bits);
    return j;
}

static enum ft_judgement judge_session(const struct ft_connector *c,
                                       const struct ft_peer *p,
                                       const char *nexthop,
                                       struct ft_result *r)
{
    if (!p->encrypted)
        return judged(r, FT_JUDGE_FAIL, FT_FAIL_NO_TLS, "no TLS");
    if (p->version < c->min_version)
        return judged(r, FT_JUDGE_FAIL, FT_FAIL_PROTOCOL, "TLS version %s "
                      "below %s", p->version == FT_TLS_UNKNOWN ? "unknown"
                      : tlsver_name(p->version), tlsver_name(c->min_version));
    if (c->require_fs && p->cipher != NULL && *p->cipher != '\0'
        && cipher_forward_secrecy(p->cipher) == FT_FS_NO)
        return judged(r, FT_JUDGE_FAIL, FT_FAIL_PROTOCOL, "cipher %s has no "
                      "forward secrecy", p->cipher);
    switch (c->level) {
    case FT_LEVEL_ENCRYPT:
        return judged(r, FT_JUDGE_PASS, FT_FAIL_NONE, "all requirements met");
    case FT_LEVEL_FINGERPRINT:
        return judge_pins(c, p, r);
    case FT_LEVEL_DANE:
    case FT_LEVEL_DANE_ONLY:
        return judged(r, FT_JUDGE_UNKNOWN, FT_FAIL_NONE, "DANE needs the "
                      "partner's DNSSEC-signed TLSA records, which are not "
                      "checked here");
    default:
        break;
    }
    if (p->trust == FT_TRUST_ANONYMOUS)
        return judged(r, FT_JUDGE_FAIL, FT_FAIL_CERTIFICATE, "no server "
                      "certificate");
    if (p->trust == FT_TRUST_UNTRUSTED)
        return judged(r, FT_JUDGE_FAIL, FT_FAIL_CERTIFICATE, "server "
                      "certificate not trusted");
    return judge_names(c, p, nexthop, r);
}

enum ft_judgement outbound_judge(const struct ft_connector *c,
                                 const struct ft_peer *p, const char *nexthop,
                                 struct ft_result *r)
{
    return judge_key(c, p, judge_session(c, p, nexthop, r), r);
}
