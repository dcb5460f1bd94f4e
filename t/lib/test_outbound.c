/* test_outbound.c - an outbound connector judged against what a server
 * showed: every tls_level, and what a log cannot tell never passes. */
#include <stdbool.h>
#include <string.h>

#include "outbound.h"
#include "tap.h"

struct judge_case {
    const char *name;
    enum ft_tls_level level;
    const char *cert_name;          /* certificate_names, or NULL */
    const char *pin;                /* certificate_fingerprints, or NULL */
    bool encrypted;
    enum ft_tls_version version;
    enum ft_trust trust;
    const char *peer_name;          /* CN seen; NULL: names not known */
    const char *peer_fp;            /* NULL: not known */
    enum ft_judgement want;
    const char *reason;
};

#define FP_A "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"
#define FP_B "00:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"

static const struct judge_case cases[] = {
    { "plaintext fails any level", FT_LEVEL_ENCRYPT, NULL, NULL, false,
      FT_TLS_UNKNOWN, FT_TRUST_ANONYMOUS, NULL, NULL, FT_JUDGE_FAIL,
      "no TLS" },
    { "old version", FT_LEVEL_ENCRYPT, NULL, NULL, true, FT_TLS_V1_1,
      FT_TRUST_ANONYMOUS, NULL, NULL, FT_JUDGE_FAIL,
      "TLS version TLSv1.1 below TLSv1.2" },
    { "encrypt takes anonymous TLS", FT_LEVEL_ENCRYPT, NULL, NULL, true,
      FT_TLS_V1_2, FT_TRUST_ANONYMOUS, NULL, NULL, FT_JUDGE_PASS,
      "all requirements met" },
    { "secure: untrusted", FT_LEVEL_SECURE, NULL, NULL, true, FT_TLS_V1_3,
      FT_TRUST_UNTRUSTED, "mx.contoso.example", NULL, FT_JUDGE_FAIL,
      "server certificate not trusted" },
    { "secure: anonymous", FT_LEVEL_SECURE, NULL, NULL, true, FT_TLS_V1_3,
      FT_TRUST_ANONYMOUS, NULL, NULL, FT_JUDGE_FAIL, "no server certificate" },
    { "secure: listed name", FT_LEVEL_SECURE, "*.contoso.example", NULL, true,
      FT_TLS_V1_3, FT_TRUST_TRUSTED, "mx.contoso.example", NULL,
      FT_JUDGE_PASS, "all requirements met" },
    { "secure: other name", FT_LEVEL_SECURE, "mail.contoso.example", NULL,
      true, FT_TLS_V1_3, FT_TRUST_TRUSTED, "mx.contoso.example", NULL,
      FT_JUDGE_FAIL, "certificate name mx.contoso.example does not match "
      "certificate_names" },
    { "secure: default match, subdomain of the next hop", FT_LEVEL_SECURE,
      NULL, NULL, true, FT_TLS_V1_3, FT_TRUST_TRUSTED, "mx.contoso.example",
      NULL, FT_JUDGE_PASS, "all requirements met" },
    { "secure: wildcard certificate for the listed name", FT_LEVEL_SECURE,
      "mail.contoso.example", NULL, true, FT_TLS_V1_3, FT_TRUST_TRUSTED,
      "*.contoso.example", NULL, FT_JUDGE_PASS, "all requirements met" },
    { "secure: listed *.x covers any depth, as Postfix's .x",
      FT_LEVEL_SECURE, "*.contoso.example", NULL, true, FT_TLS_V1_3,
      FT_TRUST_TRUSTED, "a.mx.contoso.example", NULL, FT_JUDGE_PASS,
      "all requirements met" },
    { "secure: wildcard certificate, one label only", FT_LEVEL_SECURE,
      "a.mail.contoso.example", NULL, true, FT_TLS_V1_3, FT_TRUST_TRUSTED,
      "*.contoso.example", NULL, FT_JUDGE_FAIL, "certificate name "
      "*.contoso.example does not match certificate_names" },
    { "secure: default match takes a wildcard certificate", FT_LEVEL_SECURE,
      NULL, NULL, true, FT_TLS_V1_3, FT_TRUST_TRUSTED, "*.contoso.example",
      NULL, FT_JUDGE_PASS, "all requirements met" },
    { "secure: default match, suffix trick", FT_LEVEL_SECURE, NULL, NULL,
      true, FT_TLS_V1_3, FT_TRUST_TRUSTED, "mx.evilcontoso.example", NULL,
      FT_JUDGE_FAIL, "certificate name mx.evilcontoso.example does not "
      "match the domain or a subdomain of it" },
    { "secure from a log: trusted, names unknown", FT_LEVEL_SECURE, NULL,
      NULL, true, FT_TLS_V1_3, FT_TRUST_TRUSTED, NULL, NULL,
      FT_JUDGE_UNKNOWN, "certificate trusted; its names are not logged "
      "under opportunistic TLS" },
    { "secure from a log: verified", FT_LEVEL_SECURE, NULL, NULL, true,
      FT_TLS_V1_3, FT_TRUST_VERIFIED, NULL, NULL, FT_JUDGE_PASS,
      "all requirements met" },
    { "fingerprint: pinned", FT_LEVEL_FINGERPRINT, NULL, FP_A, true,
      FT_TLS_V1_3, FT_TRUST_UNTRUSTED, NULL, FP_A, FT_JUDGE_PASS,
      "all requirements met" },
    { "fingerprint: another certificate", FT_LEVEL_FINGERPRINT, NULL, FP_A,
      true, FT_TLS_V1_3, FT_TRUST_UNTRUSTED, NULL, FP_B, FT_JUDGE_FAIL,
      "certificate fingerprint " FP_B " is not pinned" },
    { "fingerprint from a log", FT_LEVEL_FINGERPRINT, NULL, FP_A, true,
      FT_TLS_V1_3, FT_TRUST_UNTRUSTED, NULL, NULL, FT_JUDGE_UNKNOWN,
      "fingerprints are not logged under opportunistic TLS" },
    { "dane is never guessed", FT_LEVEL_DANE_ONLY, NULL, NULL, true,
      FT_TLS_V1_3, FT_TRUST_VERIFIED, NULL, NULL, FT_JUDGE_UNKNOWN,
      "DANE needs the partner's DNSSEC-signed TLSA records, which are not "
      "checked here" },
};

static void run(const struct judge_case *tc)
{
    char *names[1] = { (char *)tc->cert_name }, *pins[1] = { (char *)tc->pin };
    const char *peer_names[1] = { tc->peer_name };
    struct ft_connector c = { 0 };
    struct ft_peer p = { 0 };
    struct ft_result r;
    enum ft_judgement j;

    c.name = "out";
    c.direction = FT_DIR_OUTBOUND;
    c.level = tc->level;
    c.min_version = FT_TLS_V1_2;
    c.cert_names = (struct ft_strv){ names, tc->cert_name ? 1 : 0 };
    c.pins = (struct ft_strv){ pins, tc->pin ? 1 : 0 };
    p.encrypted = tc->encrypted;
    p.version = tc->version;
    p.cipher = "";
    p.trust = tc->trust;
    p.names = tc->peer_name ? peer_names : NULL;
    p.nnames = tc->peer_name ? 1 : 0;
    p.cert_fp = tc->peer_fp;
    j = outbound_judge(&c, &p, "contoso.example", &r);
    TAP_INT(j, tc->want, tc->name);
    TAP_STR(r.reason, tc->reason, tc->name);
}

/* min_key_bits: judged once everything else passed; a key size that is
 * not known (a log) is never a pass. */
static void test_key_bits(void)
{
    static const struct {
        const char *name;
        int key_bits;
        enum ft_judgement want;
        const char *reason;
    } kc[] = {
        { "key as strong as asked", 2048, FT_JUDGE_PASS,
          "all requirements met" },
        { "key too weak", 1024, FT_JUDGE_FAIL,
          "server key of 1024 bits below min_key_bits 2048" },
        { "key size not known", 0, FT_JUDGE_UNKNOWN,
          "the server's key size is not known here" },
    };
    struct ft_connector c = { .name = "out", .direction = FT_DIR_OUTBOUND,
                              .level = FT_LEVEL_SECURE, .min_key_bits = 2048 };
    const char *names[1] = { "mx.contoso.example" };
    struct ft_peer p = { .encrypted = true, .version = FT_TLS_V1_3,
                         .cipher = "", .trust = FT_TRUST_TRUSTED,
                         .names = names, .nnames = 1 };
    struct ft_result r;

    for (size_t i = 0; i < sizeof(kc) / sizeof(kc[0]); i++) {
        p.key_bits = kc[i].key_bits;
        TAP_INT(outbound_judge(&c, &p, "contoso.example", &r), kc[i].want,
                kc[i].name);
        TAP_STR(r.reason, kc[i].reason, kc[i].name);
    }
}

int main(void)
{
    enum ft_trust t;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run(&cases[i]);
    test_key_bits();
    TAP_OK(outbound_trust_parse("Untrusted", 9, &t) && t == FT_TRUST_UNTRUSTED,
           "Postfix's word Untrusted", "not parsed");
    TAP_OK(!outbound_trust_parse("Verifie", 7, &t), "a prefix is not a word",
           "parsed");
    return tap_done();
}
