/* tlsfacts.h - what is known about one SMTP client and its TLS session,
 * whichever protocol (milter macros, policy attributes) brought it. */
#ifndef FT_TLSFACTS_H
#define FT_TLSFACTS_H

#include <stdbool.h>

#include "ipaddr.h"
#include "tlsver.h"

#define FT_FACT_MAX 256

struct ft_tls {
    bool encrypted;
    enum ft_tls_version version;
    char version_text[FT_FACT_MAX];   /* as reported, for the log */
    char cipher[FT_FACT_MAX];
    int bits;                         /* -1 when not reported or unreadable */
    bool cert_verified;               /* Postfix verified it against its CAs */
    char cert_subject[FT_FACT_MAX];   /* CN, "" when none */
    char cert_issuer[FT_FACT_MAX];
    bool pins_known;                  /* the source reports fingerprints */
    char cert_fp[FT_FACT_MAX];        /* normalized, "" when not presented */
    char pkey_fp[FT_FACT_MAX];
};

struct ft_client {
    char name[FT_FACT_MAX];           /* "unknown" when Postfix has none */
    char addr[FT_FACT_MAX];           /* as reported */
    bool addr_valid;
    struct ft_ipaddr ip;
};

/* Start from "no TLS, nothing known". */
void tlsfacts_clear(struct ft_tls *tls);

/* Setters take raw values from the wire. Each returns false (and leaves a
 * value that fails any requirement on it) when the value is unreadable:
 * too long, control bytes, not a number. NULL means "not reported". */
bool tlsfacts_set_version(struct ft_tls *tls, const char *v);
bool tlsfacts_set_cipher(struct ft_tls *tls, const char *v);
bool tlsfacts_set_bits(struct ft_tls *tls, const char *v);
/* verified: the certificate was verified (subject may still be ""). The
 * names are CNs as Postfix sends them. */
bool tlsfacts_set_cert(struct ft_tls *tls, bool verified,
                       const char *subject, const char *issuer);
/* The same for Sendmail, whose names are xtext one-line DNs; a DN without
 * exactly one readable CN makes the certificate unverified. */
bool tlsfacts_set_cert_dn(struct ft_tls *tls, bool verified,
                          const char *subject, const char *issuer);
/* Fingerprints in any usual spelling (colons, case, "SHA256:" prefix). */
bool tlsfacts_set_fingerprints(struct ft_tls *tls, const char *cert_fp,
                               const char *pkey_fp);

void client_set(struct ft_client *c, const char *name, const char *addr);

#endif
