/* check_revocation.c - forcetls check --revocation: every certificate of
 * the connectors' certificate_files and trust_anchor_files asked of the
 * CRL and OCSP endpoints it names, one finding each. A pinned certificate
 * that its CA revoked is an error; one whose revocation cannot be told
 * is a warning, never an ok. */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "certinfo.h"
#include "check.h"
#include "revoke.h"

/* Where issuers are looked for: every certificate of every file the
 * configuration names (a partner's pin next to its CA's trust anchor),
 * and OpenSSL's default CAs. */
static X509_STORE *issuers_of(const struct ft_conf *conf)
{
    X509_STORE *store = X509_STORE_new();

    if (store == NULL)
        return NULL;
    X509_STORE_set_default_paths(store);
    for (size_t i = 0; i < conf->nconnectors; i++) {
        const struct ft_connector *c = &conf->connectors[i];

        for (size_t j = 0; j < c->cert_files.n; j++)
            X509_STORE_load_file(store, c->cert_files.v[j]);
        for (size_t j = 0; j < c->ta_files.n; j++)
            X509_STORE_load_file(store, c->ta_files.v[j]);
    }
    ERR_clear_error();
    return store;
}

static X509 *issuer_of(X509_STORE *store, X509 *x)
{
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509 *issuer = NULL;

    if (ctx != NULL && X509_STORE_CTX_init(ctx, store, x, NULL) == 1
        && X509_STORE_CTX_get1_issuer(&issuer, ctx, x) != 1)
        issuer = NULL;
    X509_STORE_CTX_free(ctx);
    ERR_clear_error();
    return issuer;
}

/* The endpoint lines revoke_check_cert() printed, each indented, joined
 * with "; "; the first line names the certificate, as the finding does. */
static void fold(char *text)
{
    char *line = strchr(text, '\n'), *out = text;

    while (line != NULL && *++line != '\0') {
        size_t n;

        line += strspn(line, " ");
        n = strcspn(line, "\n");
        if (out != text)
            *out++ = ';', *out++ = ' ';
        memmove(out, line, n);
        out += n;
        line += n;
        if (*line == '\0')
            break;
    }
    *out = '\0';
}

static void check_cert(const struct ft_connector *c, const char *key,
                       const char *path, X509 *x, X509_STORE *store,
                       struct rev_budget *budget, struct findings *f)
{
    static const enum finding_level levels[] = {
        [REV_GOOD] = FINDING_OK, [REV_UNKNOWN] = FINDING_WARNING,
        [REV_EXPIRED] = FINDING_WARNING, [REV_UNREACHABLE] = FINDING_WARNING,
        [REV_REVOKED] = FINDING_ERROR,
    };
    struct ft_certinfo ci;
    char *text = NULL;
    size_t len = 0;
    FILE *mem;
    X509 *issuer;
    enum rev_status s;

    certinfo_of(x, &ci);
    if (X509_check_issued(x, x) == X509_V_OK) {
        findings_add(f, FINDING_OK, "cert-revocation", "connector \"%s\": %s "
                     "\"%s\": certificate \"%s\" is a root: no one above it "
                     "can revoke it", c->name, key, path, ci.subject);
        return;
    }
    if ((mem = open_memstream(&text, &len)) == NULL) {
        findings_add(f, FINDING_WARNING, "cert-revocation", "connector "
                     "\"%s\": %s \"%s\": out of memory", c->name, key, path);
        return;
    }
    issuer = issuer_of(store, x);
    s = revoke_check_cert(x, issuer, ci.subject, budget, mem);
    fclose(mem);
    fold(text);
    findings_add(f, levels[s], "cert-revocation", "connector \"%s\": %s "
                 "\"%s\": certificate \"%s\": revocation %s (%s)", c->name,
                 key, path, ci.subject, rev_status_name(s), text);
    free(text);
    X509_free(issuer);
}

static void check_files(const struct ft_connector *c, const char *key,
                        const struct ft_strv *files, X509_STORE *store,
                        struct rev_budget *budget, struct findings *f)
{
    for (size_t i = 0; i < files->n; i++) {
        FILE *fp = fopen(files->v[i], "r");
        X509 *x;

        /* check_conf() already said when a file cannot be read. */
        while (fp != NULL && (x = PEM_read_X509(fp, NULL, NULL, NULL))) {
            check_cert(c, key, files->v[i], x, store, budget, f);
            X509_free(x);
        }
        if (fp != NULL)
            fclose(fp);
        ERR_clear_error();
    }
}

void check_revocation(const struct ft_conf *conf, struct rev_budget *budget,
                      struct findings *f)
{
    X509_STORE *store = issuers_of(conf);

    if (store == NULL) {
        findings_add(f, FINDING_WARNING, "cert-revocation", "revocation not "
                     "checked: out of memory");
        return;
    }
    for (size_t i = 0; i < conf->nconnectors; i++) {
        const struct ft_connector *c = &conf->connectors[i];

        check_files(c, "certificate_files", &c->cert_files, store, budget,
                    f);
        check_files(c, "trust_anchor_files", &c->ta_files, store, budget, f);
    }
    X509_STORE_free(store);
}
