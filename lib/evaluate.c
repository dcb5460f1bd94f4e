/* evaluate.c - one connector against what a client showed; requirements
 * are checked in a fixed order and the first unmet one is named. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "certname.h"
#include "cipher.h"
#include "evaluate.h"

static const char *const failure_names[] = {
    "none", "client_address", "no_tls", "protocol", "certificate", "internal",
};

const char *failure_name(enum ft_failure f)
{
    return failure_names[f];
}

static bool fail(struct ft_result *r, enum ft_failure f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void result_vset(struct ft_result *r, enum ft_failure f, const char *fmt,
                 va_list ap)
{
    r->failure = f;
    vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
}

static bool fail(struct ft_result *r, enum ft_failure f, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    result_vset(r, f, fmt, ap);
    va_end(ap);
    return false;
}

static bool client_ok(const struct ft_connector *c,
                      const struct ft_client *client, struct ft_result *r)
{
    if (c->nnetworks == 0)
        return true;
    if (client->addr_valid) {
        for (size_t i = 0; i < c->nnetworks; i++)
            if (cidr_contains(&c->networks[i], &client->ip))
                return true;
    }
    return fail(r, FT_FAIL_CLIENT_ADDRESS, "client address %s is not in the "
                "partner's client_addresses",
                client->addr[0] ? client->addr : "unknown");
}

static bool protocol_ok(const struct ft_connector *c, const struct ft_tls *tls,
                        struct ft_result *r)
{
    if (!tls->encrypted)
        return fail(r, FT_FAIL_NO_TLS, "no TLS (STARTTLS is required)");
    if (tls->version < c->min_version)
        return fail(r, FT_FAIL_PROTOCOL, "TLS version %s below %s",
                    tls->version == FT_TLS_UNKNOWN ? tls->version_text
                                                   : tlsver_name(tls->version),
                    tlsver_name(c->min_version));
    if (c->min_bits > 0 && tls->bits < c->min_bits) {
        if (tls->bits < 0)
            return fail(r, FT_FAIL_PROTOCOL, "cipher strength unknown, "
                        "%d bits required", c->min_bits);
        return fail(r, FT_FAIL_PROTOCOL, "cipher bits %d below %d", tls->bits,
                    c->min_bits);
    }
    if (c->require_fs) {
        enum ft_fs fs = cipher_forward_secrecy(tls->cipher);
        if (fs == FT_FS_UNKNOWN)
            return fail(r, FT_FAIL_PROTOCOL, "cipher %s unknown, forward "
                        "secrecy required", tls->cipher[0] ? tls->cipher
                                                           : "(none)");
        if (fs == FT_FS_NO)
            return fail(r, FT_FAIL_PROTOCOL, "cipher %s has no forward "
                        "secrecy", tls->cipher);
    }
    return true;
}

static bool listed(const struct ft_strv *patterns, const char *cn)
{
    for (size_t i = 0; i < patterns->n; i++)
        if (certname_match(patterns->v[i], cn))
            return true;
    return false;
}

static bool pinned(const struct ft_connector *c, const struct ft_tls *tls)
{
    for (size_t i = 0; i < c->pins.n; i++) {
        if ((tls->cert_fp[0] && strcmp(c->pins.v[i], tls->cert_fp) == 0)
            || (tls->pkey_fp[0] && strcmp(c->pins.v[i], tls->pkey_fp) == 0))
            return true;
    }
    return false;
}

/* A pin proves the certificate better than a CA does, so where pins can be
 * seen they stand in for verification. Where they cannot (the milter) the
 * certificate must still be one Postfix verified: an unseen pin is never a
 * pass. */
static bool certificate_ok(const struct ft_connector *c,
                           const struct ft_tls *tls, struct ft_result *r)
{
    if (c->pins.n > 0 && tls->pins_known) {
        if (!tls->cert_fp[0] && !tls->pkey_fp[0])
            return fail(r, FT_FAIL_CERTIFICATE, "no client certificate");
        if (!pinned(c, tls))
            return fail(r, FT_FAIL_CERTIFICATE, "certificate fingerprint %s "
                        "is not pinned", tls->cert_fp);
    } else if (c->require_cert && !tls->cert_verified) {
        return fail(r, FT_FAIL_CERTIFICATE, "no verified client certificate");
    }
    if (c->cert_names.n > 0 && !listed(&c->cert_names, tls->cert_subject))
        return fail(r, FT_FAIL_CERTIFICATE, "certificate name %s is not in "
                    "certificate_names",
                    tls->cert_subject[0] ? tls->cert_subject : "(none)");
    if (c->cert_issuers.n > 0 && !listed(&c->cert_issuers, tls->cert_issuer))
        return fail(r, FT_FAIL_CERTIFICATE, "certificate issuer %s is not in "
                    "certificate_issuers",
                    tls->cert_issuer[0] ? tls->cert_issuer : "(none)");
    return true;
}

void evaluate_connector(const struct ft_connector *c, const struct ft_tls *tls,
                        const struct ft_client *client, struct ft_result *r)
{
    r->failure = FT_FAIL_NONE;
    r->reason[0] = '\0';
    if (client_ok(c, client, r) && protocol_ok(c, tls, r)
        && certificate_ok(c, tls, r))
        snprintf(r->reason, sizeof(r->reason), "all requirements met");
}
