/* tlsfacts.c - raw TLS facts from the wire, checked once here so that an
 * odd value can only ever make a requirement fail, never pass. */
#define _GNU_SOURCE /* strcasestr */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certname.h"
#include "fingerprint.h"
#include "strbuf.h"
#include "tlsfacts.h"

/* Printable ASCII (and UTF-8 bytes) only: a control byte in a macro is
 * either a bug or an attempt to forge log lines. */
static bool value_ok(const char *v, size_t max)
{
    size_t n = 0;

    for (const unsigned char *p = (const unsigned char *)v; *p; p++, n++) {
        if (*p < 0x20 || *p == 0x7f || n + 1 >= max)
            return false;
    }
    return true;
}

void tlsfacts_clear(struct ft_tls *tls)
{
    memset(tls, 0, sizeof(*tls));
    tls->bits = -1;
}

bool tlsfacts_set_version(struct ft_tls *tls, const char *v)
{
    if (v == NULL)
        return true;
    tls->encrypted = true;
    if (*v == '\0' || !value_ok(v, sizeof(tls->version_text))) {
        snprintf(tls->version_text, sizeof(tls->version_text), "unreadable");
        tls->version = FT_TLS_UNKNOWN;
        return false;
    }
    strbuf_copy(tls->version_text, sizeof(tls->version_text), v, strlen(v));
    if (!tlsver_parse(v, &tls->version))
        tls->version = FT_TLS_UNKNOWN;
    return true;
}

bool tlsfacts_set_cipher(struct ft_tls *tls, const char *v)
{
    if (v == NULL)
        return true;
    if (!value_ok(v, sizeof(tls->cipher))) {
        /* No OpenSSL cipher is called this: forward secrecy fails. */
        snprintf(tls->cipher, sizeof(tls->cipher), "unreadable");
        return false;
    }
    strbuf_copy(tls->cipher, sizeof(tls->cipher), v, strlen(v));
    return true;
}

bool tlsfacts_set_bits(struct ft_tls *tls, const char *v)
{
    char *end;
    long n;

    if (v == NULL)
        return true;
    errno = 0;
    n = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < 0 || n > 65536) {
        tls->bits = -1;
        return false;
    }
    tls->bits = (int)n;
    return true;
}

/* A CN as Postfix sends it, taken literally: parsing it as a DN would let
 * a CN such as "CN=victim,O=x" pass for "victim". */
static bool literal_name(const char *v, char *out, size_t len)
{
    out[0] = '\0';
    if (!value_ok(v, len))
        return false;
    strbuf_copy(out, len, v, strlen(v));
    return true;
}

/* Sendmail's DN reduced to its one CN. A DN that mentions a CN but
 * yields none had it cut, ambiguous or undecodable: false, since such a
 * name could match another. A DN without any CN is a nameless one. */
static bool dn_name(const char *v, char *out, size_t len)
{
    out[0] = '\0';
    if (!value_ok(v, 4 * FT_FACT_MAX))
        return false;
    certname_from_dn(v, out, len);
    return out[0] != '\0'
        || (strcasestr(v, "cn=") == NULL && strcasestr(v, "cn+3d") == NULL);
}

static bool set_cert(struct ft_tls *tls, bool verified, const char *subject,
                     const char *issuer,
                     bool (*name)(const char *, char *, size_t))
{
    bool ok = true;

    tls->cert_verified = verified;
    tls->cert_subject[0] = tls->cert_issuer[0] = '\0';
    if (subject != NULL
        && !name(subject, tls->cert_subject, sizeof(tls->cert_subject)))
        ok = false;
    if (issuer != NULL
        && !name(issuer, tls->cert_issuer, sizeof(tls->cert_issuer)))
        ok = false;
    /* A name we cannot read cannot be trusted to be the partner's. */
    if (!ok)
        tls->cert_verified = false;
    return ok;
}

bool tlsfacts_set_cert(struct ft_tls *tls, bool verified, const char *subject,
                       const char *issuer)
{
    return set_cert(tls, verified, subject, issuer, literal_name);
}

bool tlsfacts_set_cert_dn(struct ft_tls *tls, bool verified,
                          const char *subject, const char *issuer)
{
    return set_cert(tls, verified, subject, issuer, dn_name);
}

bool tlsfacts_set_fingerprints(struct ft_tls *tls, const char *cert_fp,
                               const char *pkey_fp)
{
    bool ok = true;

    tls->pins_known = true;
    tls->cert_fp[0] = tls->pkey_fp[0] = '\0';
    if (cert_fp != NULL && *cert_fp != '\0'
        && !fingerprint_normalize(cert_fp, tls->cert_fp, sizeof(tls->cert_fp)))
        ok = false;
    if (pkey_fp != NULL && *pkey_fp != '\0'
        && !fingerprint_normalize(pkey_fp, tls->pkey_fp, sizeof(tls->pkey_fp)))
        ok = false;
    if (!ok)
        tls->cert_fp[0] = tls->pkey_fp[0] = '\0';
    return ok;
}

void client_set(struct ft_client *c, const char *name, const char *addr)
{
    memset(c, 0, sizeof(*c));
    if (name == NULL || !value_ok(name, sizeof(c->name)))
        name = "unknown";
    strbuf_copy(c->name, sizeof(c->name), name, strlen(name));
    if (addr != NULL && value_ok(addr, sizeof(c->addr))) {
        strbuf_copy(c->addr, sizeof(c->addr), addr, strlen(addr));
        c->addr_valid = ipaddr_parse(addr, &c->ip);
    }
}
