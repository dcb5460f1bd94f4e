/* probe_judge.c - what forcetls probe saw, judged: the chain against
 * the trust anchors Postfix's SMTP client uses, an outbound connector as
 * Postfix's SMTP client would apply it, an inbound one as our smtpd and
 * the daemons would. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "certinfo.h"
#include "outbound.h"
#include "postconf.h"
#include "probe.h"
#include "safetext.h"
#include "tool.h"
#include "verdict.h"

#define MAX_NAMES 64

void probe_postfix_load(const char *cafile, struct probe_postfix *pf)
{
    struct postconf pc = { 0 };
    const char *v;
    char err[512];

    memset(pf, 0, sizeof(*pf));
    pf->multi_label = true;       /* Postfix's default */
    if (postconf_load(NULL, &pc, err, sizeof(err)) == 0) {
        if ((v = postconf_get(&pc, "tls_wildcard_matches_multiple_labels")))
            pf->multi_label = postconf_yes(v);
        if (cafile == NULL) {
            snprintf(pf->cafile, sizeof(pf->cafile), "%s",
                     (v = postconf_get(&pc, "smtp_tls_CAfile")) ? v : "");
            snprintf(pf->capath, sizeof(pf->capath), "%s",
                     (v = postconf_get(&pc, "smtp_tls_CApath")) ? v : "");
            pf->default_cas = (v = postconf_get(&pc, "tls_append_default_CA"))
                              && postconf_yes(v);
        }
        postconf_free(&pc);
    } else if (cafile == NULL) {
        pf->default_cas = true;
        snprintf(pf->source, sizeof(pf->source), "OpenSSL's default CAs");
        fprintf(stderr, TOOL_NAME " probe: postconf cannot tell which CAs "
                "Postfix uses (%s): using OpenSSL's default CAs\n", err);
        return;
    }
    if (cafile != NULL)
        snprintf(pf->cafile, sizeof(pf->cafile), "%s", cafile);
    snprintf(pf->source, sizeof(pf->source), "%s%s%s%s", pf->cafile,
             pf->cafile[0] && pf->capath[0] ? " and " : "", pf->capath,
             pf->default_cas ? (pf->cafile[0] || pf->capath[0]
                                ? " and OpenSSL's default CAs"
                                : "OpenSSL's default CAs") : "");
    if (pf->source[0] == '\0')
        snprintf(pf->source, sizeof(pf->source), "no CA at all "
                 "(smtp_tls_CAfile and smtp_tls_CApath are empty)");
}

static bool load_postfix_cas(X509_STORE *store, const struct probe_postfix *pf)
{
    bool ok = true;

    if (pf->cafile[0])
        ok &= X509_STORE_load_file(store, pf->cafile) == 1;
    if (pf->capath[0])
        ok &= X509_STORE_load_path(store, pf->capath) == 1;
    if (pf->default_cas)
        ok &= X509_STORE_set_default_paths(store) == 1;
    return ok;
}

/* The root a failed chain stops short of: the top certificate's issuer,
 * or the top itself when the server sent a root we do not trust. */
static void missing_root(X509_STORE_CTX *ctx, const char *where, char *out,
                         size_t len)
{
    STACK_OF(X509) *built = X509_STORE_CTX_get0_chain(ctx);
    X509 *top = sk_X509_value(built, sk_X509_num(built) - 1);
    int e = X509_STORE_CTX_get_error(ctx);
    X509_NAME *name;
    char cn[256];

    out[0] = '\0';
    if (top == NULL || (e != X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
                        && e != X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
                        && e != X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
                        && e != X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT))
        return;
    name = X509_check_issued(top, top) == X509_V_OK
           ? X509_get_subject_name(top) : X509_get_issuer_name(top);
    if (X509_NAME_get_text_by_NID(name, NID_commonName, cn, sizeof(cn)) < 0)
        X509_NAME_oneline(name, cn, sizeof(cn));
    snprintf(out, len, "root '%s' is not in %s", cn, where);
}

STACK_OF(X509) *probe_verify_chain(X509 *leaf, STACK_OF(X509) *sent,
                                  const struct ft_connector *c,
                                  const struct probe_postfix *pf,
                                  struct probe_view *v)
{
    X509_STORE *store = X509_STORE_new();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    STACK_OF(X509) *chain = NULL;
    bool loaded = true;

    v->chain_ok = false;
    v->verify_error = "cannot set up verification";
    v->missing_root[0] = '\0';
    v->trust_source = pf->source;
    if (store == NULL || ctx == NULL)
        goto out;
    if (c != NULL && c->direction == FT_DIR_OUTBOUND && c->ta_files.n > 0) {
        for (size_t i = 0; i < c->ta_files.n; i++)
            loaded &= X509_STORE_load_file(store, c->ta_files.v[i]) == 1;
        v->trust_source = "the connector's trust_anchor_files";
        /* tafile= trusts any certificate in the file, root or not. */
        X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
    } else {
        loaded = load_postfix_cas(store, pf);
    }
    if (!loaded) {
        v->verify_error = "cannot load the trust anchors";
        goto out;
    }
    if (X509_STORE_CTX_init(ctx, store, leaf, sent) != 1)
        goto out;
    v->chain_ok = X509_verify_cert(ctx) == 1;
    v->verify_error = X509_verify_cert_error_string(
        X509_STORE_CTX_get_error(ctx));
    if (v->chain_ok)
        chain = X509_STORE_CTX_get1_chain(ctx);
    else
        missing_root(ctx, v->trust_source, v->missing_root,
                     sizeof(v->missing_root));
out:
    ERR_clear_error();
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    return chain;
}

bool probe_verify_client(X509 *leaf, STACK_OF(X509) *rest, const char *cafile,
                         const char **why, const char **source)
{
    X509_STORE *store = X509_STORE_new();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    bool ok = false;

    *why = "cannot set up verification";
    *source = cafile != NULL ? cafile : "OpenSSL's default CAs";
    if (store != NULL && ctx != NULL
        && (cafile != NULL ? X509_STORE_load_file(store, cafile)
                           : X509_STORE_set_default_paths(store)) == 1
        && X509_STORE_CTX_init(ctx, store, leaf, rest) == 1) {
        ok = X509_verify_cert(ctx) == 1;
        *why = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
    }
    ERR_clear_error();
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    return ok;
}

/* The names Postfix's SMTP client checks: the DNS SANs, or the CN when
 * the certificate has none. */
static size_t postfix_names(X509 *leaf, char **names, size_t max)
{
    struct ft_certinfo ci;
    size_t n = certinfo_dns_names(leaf, names, max);

    if (n > 0)
        return n;
    certinfo_of(leaf, &ci);
    return ci.cn[0] && (names[0] = strdup(ci.cn)) != NULL ? 1 : 0;
}

enum ft_judgement probe_outbound_verdict(const struct ft_connector *c,
                                         const struct probe_view *v,
                                         X509 *leaf, bool multi_label,
                                         struct ft_result *r)
{
    char *names[MAX_NAMES], cfp[200] = "", pfp[200] = "";
    struct ft_certinfo ci;
    struct ft_peer peer = { 0 };
    size_t n = 0;
    enum ft_judgement j;

    peer.encrypted = true;
    if (!tlsver_parse(v->protocol, &peer.version))
        peer.version = FT_TLS_UNKNOWN;
    peer.cipher = v->cipher;
    peer.trust = leaf == NULL ? FT_TRUST_ANONYMOUS
                 : v->chain_ok ? FT_TRUST_TRUSTED : FT_TRUST_UNTRUSTED;
    peer.multi_label = multi_label;
    if (leaf != NULL) {
        n = postfix_names(leaf, names, MAX_NAMES);
        certinfo_of(leaf, &ci);
        peer.key_bits = ci.key_bits;
        if (certinfo_fingerprints(leaf, "sha256", cfp, pfp, sizeof(cfp)) == 0)
            peer.cert_fp = cfp, peer.pkey_fp = pfp;
    }
    peer.names = (const char *const *)names;
    peer.nnames = n;
    j = outbound_judge(c, &peer, v->nexthop, r);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    return j;
}

/* What Postfix's SMTP client would have decided under the connector. */
int probe_judge_outbound(const struct ft_connector *c,
                         const struct probe_view *v, X509 *leaf,
                         bool multi_label)
{
    static const char *const words[] = { "fail", "pass", "cannot tell" };
    struct ft_result r;
    enum ft_judgement j = probe_outbound_verdict(c, v, leaf, multi_label, &r);
    char e[4 * sizeof(r.reason)];

    printf("connector %s (outbound, %s, %s): %s: %s\n", c->name,
           mode_name(c->mode), level_name(c->level), words[j],
           safetext(e, sizeof(e), r.reason));
    return j == FT_JUDGE_FAIL ? 1 : EX_OK;
}

/* The partner's client certificate as our smtpd would report it: CNs
 * only when it verifies against our CA file, fingerprints always. */
static bool client_cert_facts(const char *path, const char *cafile,
                              const char *digest, struct ft_tls *tls)
{
    FILE *fp = fopen(path, "r");
    X509 *leaf = fp ? PEM_read_X509(fp, NULL, NULL, NULL) : NULL;
    STACK_OF(X509) *rest = sk_X509_new_null();
    struct ft_certinfo ci;
    char cfp[200], pfp[200];
    char a[4 * FT_CERTINFO_TEXT], b[4 * FT_CERTINFO_TEXT];
    const char *why, *source;
    X509 *x;
    bool verified = false;

    while (fp != NULL && rest != NULL
           && (x = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL)
        sk_X509_push(rest, x);
    if (fp != NULL)
        fclose(fp);
    if (leaf != NULL) {
        verified = probe_verify_client(leaf, rest, cafile, &why, &source);
        certinfo_of(leaf, &ci);
        printf("client certificate: %s, issuer %s\n",
               safetext(a, sizeof(a), ci.subject),
               safetext(b, sizeof(b), ci.issuer));
        printf("  as our smtpd sees it (CA %s): %s\n", source, verified
               ? "verified" : why);
        if (verified)
            tlsfacts_set_cert(tls, true, ci.cn, ci.issuer_cn);
        if (certinfo_fingerprints(leaf, digest, cfp, pfp, sizeof(cfp)) == 0)
            tlsfacts_set_fingerprints(tls, cfp, pfp);
    }
    sk_X509_pop_free(rest, X509_free);
    X509_free(leaf);
    ERR_clear_error();
    return leaf != NULL;
}

/* The verdict our inbound side would give this session. */
int probe_judge_inbound(const struct ft_conf *conf,
                        const struct ft_connector *c, const char *client_cert,
                        const char *cafile, const struct smtp_session *s,
                        const struct probe_view *v)
{
    struct ft_tls tls;
    struct ft_client client;
    struct ft_result r;
    struct ft_reply reply;
    enum ft_verdict verdict;
    char bits[16], e[4 * sizeof(r.reason)];

    tlsfacts_clear(&tls);
    snprintf(bits, sizeof(bits), "%d", v->bits);
    tlsfacts_set_version(&tls, v->protocol);
    tlsfacts_set_cipher(&tls, v->cipher);
    tlsfacts_set_bits(&tls, bits);
    if (client_cert != NULL
        && !client_cert_facts(client_cert, cafile,
                              conf->policyd.fingerprint_digest, &tls))
        printf("client certificate: %s holds no PEM certificate\n",
               client_cert);
    client_set(&client, "unknown", s->local_addr);
    evaluate_connector(c, &tls, &client, &r);
    verdict = verdict_of(c, &r);
    printf("connector %s (inbound, %s) from %s: %s: %s\n", c->name,
           mode_name(c->mode), s->local_addr, verdict_name(verdict),
           safetext(e, sizeof(e), r.reason));
    if (verdict == FT_VERDICT_REJECT || verdict == FT_VERDICT_DEFER) {
        verdict_reply(c, &r, verdict, &reply);
        printf("  reply: %s %s %s\n", reply.code, reply.xcode, reply.text);
    }
    return verdict == FT_VERDICT_REJECT || verdict == FT_VERDICT_DEFER ? 1
                                                                       : EX_OK;
}
