/* macros.c - TLS macros into facts: Postfix marks a verified client
 * certificate by defining {cert_subject} (possibly empty) and sends CNs;
 * Sendmail marks it with {verify}=OK and sends full DNs. */
#include <string.h>

#include "log.h"
#include "macros.h"

static void odd(const char *client, const char *macro)
{
    log_warn("client %s: unreadable %s macro value; requirements on it fail",
             client, macro);
}

void macros_read_tls(SMFICTX *ctx, const char *client, struct ft_tls *tls)
{
    const char *verify = smfi_getsymval(ctx, "{verify}");
    const char *subject = smfi_getsymval(ctx, "{cert_subject}");
    const char *issuer = smfi_getsymval(ctx, "{cert_issuer}");
    bool verified, ok;

    tlsfacts_clear(tls);
    if (!tlsfacts_set_version(tls, smfi_getsymval(ctx, "{tls_version}")))
        odd(client, "{tls_version}");
    if (!tls->encrypted)
        return;
    if (!tlsfacts_set_cipher(tls, smfi_getsymval(ctx, "{cipher}")))
        odd(client, "{cipher}");
    if (!tlsfacts_set_bits(tls, smfi_getsymval(ctx, "{cipher_bits}")))
        odd(client, "{cipher_bits}");
    if (verify == NULL) {
        verified = subject != NULL;
        ok = tlsfacts_set_cert(tls, verified, verified ? subject : NULL,
                               verified ? issuer : NULL);
    } else {
        verified = strcmp(verify, "OK") == 0 && subject != NULL;
        ok = tlsfacts_set_cert_dn(tls, verified, verified ? subject : NULL,
                                  verified ? issuer : NULL);
    }
    if (!ok)
        odd(client, "{cert_subject} or {cert_issuer}");
}

const char *macros_queue_id(SMFICTX *ctx)
{
    return smfi_getsymval(ctx, "i");
}
