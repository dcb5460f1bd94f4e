/* facts.c - policy attributes into TLS facts. Postfix sends ccert_subject
 * and ccert_issuer (xtext) only for a verified certificate, so a non-empty
 * issuer means "verified"; the fingerprints come whenever a certificate
 * was presented, verified or not, which is what makes pinning possible. */
#include <string.h>

#include "facts.h"
#include "fingerprint.h"
#include "log.h"
#include "xtext.h"

/* Values longer than this cannot be a CN tlsfacts would keep anyway. */
#define FACTS_NAME_MAX (4 * FT_FACT_MAX)

static void odd(const struct ft_client *client, const char *attr)
{
    log_warn("client %s[%s]: unreadable %s attribute; requirements on it "
             "fail", client->name, client->addr, attr);
}

/* Empty means "not reported" in the policy protocol. */
static const char *attr(const struct ft_request_attrs *req,
                        enum ft_attr_name name)
{
    const char *v = request_get(req, name);

    return v != NULL && *v != '\0' ? v : NULL;
}

bool facts_digest_differs(const struct ft_tls *tls, const char *digest)
{
    return tls->cert_fp[0] != '\0'
        && fingerprint_bytes(tls->cert_fp) != fingerprint_digest_bytes(digest);
}

static void read_cert(const struct ft_request_attrs *req,
                      const struct ft_client *client, struct ft_tls *tls)
{
    char subject[FACTS_NAME_MAX] = "", issuer[FACTS_NAME_MAX] = "";
    const char *s = attr(req, ATTR_CCERT_SUBJECT);
    const char *i = attr(req, ATTR_CCERT_ISSUER);
    bool ok = true;

    if (s != NULL && !xtext_decode(s, subject, sizeof(subject))) {
        odd(client, "ccert_subject");
        ok = false;
    }
    if (i != NULL && !xtext_decode(i, issuer, sizeof(issuer))) {
        odd(client, "ccert_issuer");
        ok = false;
    }
    /* A name we cannot read cannot be trusted to be the partner's. */
    if (!ok || issuer[0] == '\0')
        tlsfacts_set_cert(tls, false, NULL, NULL);
    else if (!tlsfacts_set_cert(tls, true, subject, issuer))
        odd(client, "ccert_subject or ccert_issuer");
}

void facts_read(const struct ft_request_attrs *req, struct ft_tls *tls,
                struct ft_client *client)
{
    client_set(client, request_get(req, ATTR_CLIENT_NAME),
               request_get(req, ATTR_CLIENT_ADDRESS));
    tlsfacts_clear(tls);
    if (!tlsfacts_set_version(tls, attr(req, ATTR_ENCRYPTION_PROTOCOL)))
        odd(client, "encryption_protocol");
    if (tls->encrypted) {
        if (!tlsfacts_set_cipher(tls, attr(req, ATTR_ENCRYPTION_CIPHER)))
            odd(client, "encryption_cipher");
        if (!tlsfacts_set_bits(tls, attr(req, ATTR_ENCRYPTION_KEYSIZE)))
            odd(client, "encryption_keysize");
        read_cert(req, client, tls);
    }
    if (!tlsfacts_set_fingerprints(tls, attr(req, ATTR_CCERT_FINGERPRINT),
                                   attr(req, ATTR_CCERT_PUBKEY_FINGERPRINT)))
        odd(client, "ccert_fingerprint or ccert_pubkey_fingerprint");
}
