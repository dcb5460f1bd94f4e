/* probe_judge.c - what forcetls probe saw, judged: the chain against
 * trust anchors, an outbound connector as Postfix's SMTP client would
 * apply it, an inbound one as our smtpd and the daemons would. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "certinfo.h"
#include "outbound.h"
#include "probe.h"
#include "verdict.h"

#define MAX_NAMES 64

/* Verify leaf + the chain the server sent against the trust anchors:
 * the connector's trust_anchor_files, else --cafile, else OpenSSL's. */
STACK_OF(X509) *probe_verify_chain(X509 *leaf, STACK_OF(X509) *sent,
                                  const struct ft_connector *c,
                                  const char *cafile, bool *ok,
                                  const char **why, const char **source)
{
    X509_STORE *store = X509_STORE_new();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    STACK_OF(X509) *chain = NULL;
    bool loaded = true;

    *ok = false;
    *why = "cannot set up verification";
    if (store == NULL || ctx == NULL)
        goto out;
    if (c != NULL && c->direction == FT_DIR_OUTBOUND && c->ta_files.n > 0) {
        for (size_t i = 0; i < c->ta_files.n; i++)
            loaded &= X509_STORE_load_file(store, c->ta_files.v[i]) == 1;
        *source = "the connector's trust_anchor_files";
        /* tafile= trusts any certificate in the file, root or not. */
        X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
    } else if (cafile != NULL) {
        loaded = X509_STORE_load_file(store, cafile) == 1;
        *source = cafile;
    } else {
        loaded = X509_STORE_set_default_paths(store) == 1;
        *source = "OpenSSL's default CAs";
    }
    if (!loaded) {
        *why = "cannot load the trust anchors";
        goto out;
    }
    if (X509_STORE_CTX_init(ctx, store, leaf, sent) != 1)
        goto out;
    *ok = X509_verify_cert(ctx) == 1;
    *why = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
    if (*ok)
        chain = X509_STORE_CTX_get1_chain(ctx);
out:
    ERR_clear_error();
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    return chain;
}


/* What Postfix's SMTP client would have decided under the connector. */
int probe_judge_outbound(const struct ft_connector *c,
                         const struct probe_view *v, X509 *leaf)
{
    char *names[MAX_NAMES + 1], cfp[200] = "", pfp[200] = "";
    struct ft_certinfo ci;
    struct ft_peer peer = { 0 };
    struct ft_result r;
    size_t n = 0;
    enum ft_judgement j;
    static const char *const words[] = { "fail", "pass", "cannot tell" };

    peer.encrypted = true;
    if (!tlsver_parse(v->protocol, &peer.version))
        peer.version = FT_TLS_UNKNOWN;
    peer.cipher = v->cipher;
    peer.trust = leaf == NULL ? FT_TRUST_ANONYMOUS
                 : v->chain_ok ? FT_TRUST_TRUSTED : FT_TRUST_UNTRUSTED;
    if (leaf != NULL) {
        certinfo_of(leaf, &ci);
        if (ci.cn[0] && (names[n] = strdup(ci.cn)) != NULL)
            n++;
        n += certinfo_dns_names(leaf, names + n, MAX_NAMES);
        if (certinfo_fingerprints(leaf, "sha256", cfp, pfp, sizeof(cfp)) == 0)
            peer.cert_fp = cfp, peer.pkey_fp = pfp;
    }
    peer.names = (const char *const *)names;
    peer.nnames = n;
    j = outbound_judge(c, &peer, v->nexthop, &r);
    printf("connector %s (outbound, %s, %s): %s: %s\n", c->name,
           mode_name(c->mode), level_name(c->level), words[j], r.reason);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
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
    const char *why, *source;
    STACK_OF(X509) *chain;
    X509 *x;
    bool verified = false;

    while (fp != NULL && rest != NULL
           && (x = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL)
        sk_X509_push(rest, x);
    if (fp != NULL)
        fclose(fp);
    if (leaf != NULL) {
        chain = probe_verify_chain(leaf, rest, NULL, cafile, &verified, &why,
                             &source);
        sk_X509_pop_free(chain, X509_free);
        certinfo_of(leaf, &ci);
        printf("client certificate: %s, issuer %s\n", ci.subject, ci.issuer);
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
    char bits[16];

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
           r.reason);
    if (verdict == FT_VERDICT_REJECT || verdict == FT_VERDICT_DEFER) {
        verdict_reply(c, &r, verdict, &reply);
        printf("  reply: %s %s %s\n", reply.code, reply.xcode, reply.text);
    }
    return verdict == FT_VERDICT_REJECT || verdict == FT_VERDICT_DEFER ? 1
                                                                       : EX_OK;
}
