/* fuzz_macros.c - milter macro values from Postfix or Sendmail ({verify},
 * {tls_version}, {cipher}, {cipher_bits}, {cert_subject} as a CN or a
 * one-line DN, {cert_issuer}) read by forcetls-milter's own macros.c and
 * decided against the fuzz configuration. The promise checked: the strict
 * connector passes only a certificate that was verified and carries its
 * listed name and issuer, over TLS 1.2 or later; never anything less. */
#include <libmilter/mfapi.h>

#include "certname.h"
#include "decide.h"
#include "fuzz.h"
#include "macros.h"

enum { M_VERSION, M_CIPHER, M_BITS, M_SUBJECT, M_ISSUER, M_VERIFY, M_N };

static const char *const names[M_N] = {
    "{tls_version}", "{cipher}", "{cipher_bits}", "{cert_subject}",
    "{cert_issuer}", "{verify}",
};
static char *macro[M_N];

/* libmilter's macro lookup, answered from the input: a field that is
 * absent or starts with '!' is a macro Postfix did not send. */
char *smfi_getsymval(SMFICTX *ctx, char *name)
{
    (void)ctx;
    for (int i = 0; i < M_N; i++)
        if (strcmp(name, names[i]) == 0)
            return macro[i] != NULL && macro[i][0] != '!' ? macro[i] : NULL;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    const struct ft_conf *conf = fuzz_conf();
    struct ft_client client;
    struct ft_sender_set senders = { 0 };
    struct ft_decision d = { 0 };
    struct ft_tls tls;

    fuzz_fields(s, '\n', macro, M_N);
    client_set(&client, "mx.contoso.example", "192.0.2.10");
    macros_read_tls(NULL, "fuzz", &tls);
    if (decide_sender(conf, "a@contoso.example", &senders) == 0
        && decide_mail(conf, &tls, &client, &senders, &d) == 0) {
        for (size_t i = 0; i < d.n; i++) {
            if (d.items[i].verdict != FT_VERDICT_PASS
                || strcmp(d.items[i].connector->name, "strict") != 0)
                continue;
            FUZZ_CHECK(tls.encrypted && tls.version >= FT_TLS_V1_2);
            FUZZ_CHECK(tls.cert_verified);
            FUZZ_CHECK(certname_match("mail.contoso.example",
                                      tls.cert_subject));
            FUZZ_CHECK(certname_match("Contoso CA", tls.cert_issuer));
        }
    }
    decision_free(&d);
    decide_sender_free(&senders);
    free(s);
    return 0;
}
