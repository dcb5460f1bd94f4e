/* certinfo.h - what a person must know about a certificate before
 * trusting or pinning it: names, validity, key strength, signature. */
#ifndef FT_CERTINFO_H
#define FT_CERTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "err.h"

struct x509_st;
struct asn1_string_st;

#define FT_CERTINFO_TEXT 256

struct ft_certinfo {
    char subject[FT_CERTINFO_TEXT];   /* one-line DN, RFC 2253 order */
    char issuer[FT_CERTINFO_TEXT];
    char cn[FT_CERTINFO_TEXT];        /* "" when the subject has none */
    char issuer_cn[FT_CERTINFO_TEXT];
    char org[FT_CERTINFO_TEXT];       /* subject O, "" when none */
    char unit[FT_CERTINFO_TEXT];      /* subject OU, "" when none */
    time_t not_before, not_after;
    char key_type[16];                /* "RSA", "EC", "Ed25519", ... */
    int key_bits;
    char curve[32];                   /* EC only: "P-256" */
    char sig_alg[64];                 /* "ecdsa-with-SHA256" */
    bool sig_weak;                    /* MD5 or SHA-1 signed */
    bool self_signed;
};

/* Describe one certificate. */
void certinfo_of(struct x509_st *x, struct ft_certinfo *ci);

/* Every certificate in a PEM file, in file order; a file that yields
 * none is an error. Free *out with free(). */
int certinfo_pem_file(const char *path, struct ft_certinfo **out, size_t *n,
                      struct ft_err *err);

/* A key too weak to trust today: RSA or DSA under 2048 bits, EC under 224. */
bool certinfo_weak_key(const struct ft_certinfo *ci);

/* Certificate and public-key (SubjectPublicKeyInfo) fingerprints as
 * Postfix computes them, "AB:CD:..."; -1 on an unknown digest. */
int certinfo_fingerprints(struct x509_st *x, const char *digest,
                          char *cert_fp, char *pkey_fp, size_t len);

/* The DNS names of the subjectAltName extension, at most max; the count
 * found. Each is allocated: free them. */
size_t certinfo_dns_names(struct x509_st *x, char **out, size_t max);

/* An ASN1_TIME as a time_t; 0 when absent or unreadable. */
time_t certinfo_asn1_time(const struct asn1_string_st *t);

/* Whole days from now to t, negative once t is past. */
long certinfo_days_left(time_t t);

/* "2026-11-23" for t, in UTC. */
void certinfo_date(time_t t, char *buf, size_t len);

/* "2026-11-23 19:36:00 UTC" for t. */
void certinfo_time(time_t t, char *buf, size_t len);

#endif
