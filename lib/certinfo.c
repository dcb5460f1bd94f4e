/* certinfo.c - certificate facts read with OpenSSL: validity as time_t,
 * key type and size, signature algorithm and whether it is a weak one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "certinfo.h"
#include "fingerprint.h"

static void name_text(X509_NAME *name, char *out, size_t len)
{
    BIO *bio = BIO_new(BIO_s_mem());
    int n = 0;

    out[0] = '\0';
    if (bio == NULL)
        return;
    if (X509_NAME_print_ex(bio, name, 0,
                           XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0)
        n = BIO_read(bio, out, (int)len - 1);
    out[n > 0 ? n : 0] = '\0';
    BIO_free(bio);
}

static void name_entry(X509_NAME *name, int nid, char *out, size_t len)
{
    int i = X509_NAME_get_index_by_NID(name, nid, -1);
    unsigned char *utf8 = NULL;
    int n;

    out[0] = '\0';
    if (i < 0)
        return;
    n = ASN1_STRING_to_UTF8(&utf8,
                            X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name,
                                                                         i)));
    if (n >= 0)
        snprintf(out, len, "%.*s", n, (const char *)utf8);
    OPENSSL_free(utf8);
}

time_t certinfo_asn1_time(const struct asn1_string_st *t)
{
    struct tm tm;

    if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
        return 0;
    return timegm(&tm);
}

static void key_facts(X509 *x, struct ft_certinfo *ci)
{
    EVP_PKEY *pkey = X509_get0_pubkey(x);
    char group[sizeof(ci->curve)];
    size_t glen = 0;

    snprintf(ci->key_type, sizeof(ci->key_type), "unknown");
    ci->key_bits = 0;
    ci->curve[0] = '\0';
    if (pkey == NULL)
        return;
    ci->key_bits = EVP_PKEY_get_bits(pkey);
    snprintf(ci->key_type, sizeof(ci->key_type), "%s",
             EVP_PKEY_get0_type_name(pkey) ? EVP_PKEY_get0_type_name(pkey)
                                           : "unknown");
    if (EVP_PKEY_get_group_name(pkey, group, sizeof(group), &glen) == 1) {
        int nid = OBJ_sn2nid(group);
        const char *nist = nid != NID_undef ? EC_curve_nid2nist(nid) : NULL;
        snprintf(ci->curve, sizeof(ci->curve), "%s", nist ? nist : group);
    }
}

/* The digest inside the signature algorithm decides its strength. */
static void sig_facts(X509 *x, struct ft_certinfo *ci)
{
    int sig_nid = X509_get_signature_nid(x), md_nid = NID_undef, pk_nid;

    snprintf(ci->sig_alg, sizeof(ci->sig_alg), "%s",
             OBJ_nid2ln(sig_nid) ? OBJ_nid2ln(sig_nid) : "unknown");
    OBJ_find_sigid_algs(sig_nid, &md_nid, &pk_nid);
    ci->sig_weak = md_nid == NID_md5 || md_nid == NID_sha1
        || md_nid == NID_md4 || md_nid == NID_md2;
}

void certinfo_of(struct x509_st *x, struct ft_certinfo *ci)
{
    memset(ci, 0, sizeof(*ci));
    name_text(X509_get_subject_name(x), ci->subject, sizeof(ci->subject));
    name_text(X509_get_issuer_name(x), ci->issuer, sizeof(ci->issuer));
    name_entry(X509_get_subject_name(x), NID_commonName, ci->cn,
               sizeof(ci->cn));
    name_entry(X509_get_issuer_name(x), NID_commonName, ci->issuer_cn,
               sizeof(ci->issuer_cn));
    name_entry(X509_get_subject_name(x), NID_organizationName, ci->org,
               sizeof(ci->org));
    name_entry(X509_get_subject_name(x), NID_organizationalUnitName,
               ci->unit, sizeof(ci->unit));
    ci->not_before = certinfo_asn1_time(X509_get0_notBefore(x));
    ci->not_after = certinfo_asn1_time(X509_get0_notAfter(x));
    key_facts(x, ci);
    sig_facts(x, ci);
    ci->self_signed = X509_check_issued(x, x) == X509_V_OK;
}

int certinfo_pem_file(const char *path, struct ft_certinfo **out, size_t *n,
                      struct ft_err *err)
{
    FILE *fp = fopen(path, "r");
    struct ft_certinfo *v = NULL, *grown;
    X509 *x;
    size_t count = 0;
    int rc = -1;

    if (fp == NULL) {
        err_set(err, path, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    while ((x = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL) {
        grown = realloc(v, (count + 1) * sizeof(*v));
        if (grown != NULL)
            certinfo_of(x, &(v = grown)[count++]);
        X509_free(x);
        if (grown == NULL) {
            err_set(err, path, 0, "out of memory");
            goto out;
        }
    }
    if (count == 0) {
        err_set(err, path, 0, "no PEM certificate found");
        goto out;
    }
    *out = v;
    *n = count;
    v = NULL;
    rc = 0;
out:
    ERR_clear_error();
    fclose(fp);
    free(v);
    return rc;
}

bool certinfo_weak_key(const struct ft_certinfo *ci)
{
    if (strcmp(ci->key_type, "RSA") == 0 || strcmp(ci->key_type, "DSA") == 0
        || strcmp(ci->key_type, "RSA-PSS") == 0)
        return ci->key_bits < 2048;
    if (strcmp(ci->key_type, "EC") == 0)
        return ci->key_bits < 224;
    return false;
}

long certinfo_days_left(time_t t)
{
    double secs = difftime(t, time(NULL));

    return (long)(secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400));
}

void certinfo_date(time_t t, char *buf, size_t len)
{
    struct tm tm;

    if (gmtime_r(&t, &tm) == NULL || strftime(buf, len, "%Y-%m-%d", &tm) == 0)
        snprintf(buf, len, "(unknown date)");
}

void certinfo_time(time_t t, char *buf, size_t len)
{
    struct tm tm;

    if (gmtime_r(&t, &tm) == NULL
        || strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
        snprintf(buf, len, "(unknown time)");
}

static bool digest_text(const EVP_MD *md, const unsigned char *der, int n,
                        char *out, size_t len)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    char hex[2 * EVP_MAX_MD_SIZE + 1];
    unsigned int dlen;

    if (n <= 0 || EVP_Digest(der, (size_t)n, d, &dlen, md, NULL) != 1)
        return false;
    for (unsigned int i = 0; i < dlen; i++)
        snprintf(hex + 2 * i, 3, "%02X", d[i]);
    return fingerprint_normalize(hex, out, len);
}

int certinfo_fingerprints(struct x509_st *x, const char *digest,
                          char *cert_fp, char *pkey_fp, size_t len)
{
    const EVP_MD *md = EVP_get_digestbyname(digest);
    unsigned char *der = NULL;
    bool ok;
    int n;

    if (md == NULL)
        return -1;
    n = i2d_X509(x, &der);
    ok = digest_text(md, der, n, cert_fp, len);
    OPENSSL_free(der);
    der = NULL;
    n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &der);
    ok = ok && digest_text(md, der, n, pkey_fp, len);
    OPENSSL_free(der);
    return ok ? 0 : -1;
}

size_t certinfo_dns_names(struct x509_st *x, char **out, size_t max)
{
    GENERAL_NAMES *names = X509_get_ext_d2i(x, NID_subject_alt_name, NULL,
                                            NULL);
    size_t found = 0;

    for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num(names); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
        unsigned char *utf8 = NULL;
        int n;

        if (g->type != GEN_DNS || found >= max
            || (n = ASN1_STRING_to_UTF8(&utf8, g->d.dNSName)) < 0)
            continue;
        if ((out[found] = strndup((const char *)utf8, (size_t)n)) != NULL)
            found++;
        OPENSSL_free(utf8);
    }
    GENERAL_NAMES_free(names);
    return found;
}
