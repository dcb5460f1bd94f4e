/* test_evaluate.c - each requirement of a connector alone, in words. */
#include <string.h>

#include "evaluate.h"
#include "tap.h"

/* A passing TLS 1.3 session with a verified certificate. */
static void good_tls(struct ft_tls *tls)
{
    tlsfacts_clear(tls);
    tlsfacts_set_version(tls, "TLSv1.3");
    tlsfacts_set_cipher(tls, "TLS_AES_256_GCM_SHA384");
    tlsfacts_set_bits(tls, "256");
    tlsfacts_set_cert(tls, true, "mail.contoso.example", "Test CA");
}

static char *names[] = { "mail.contoso.example", "*.mx.contoso.example" };
static char *issuers[] = { "Test CA" };
static char *pins[] = {
    "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:"
    "22:33:44:55:66:77:88:99",
};

struct eval_case {
    const char *name;
    void (*conn)(struct ft_connector *);
    void (*tls)(struct ft_tls *, struct ft_client *);
    enum ft_failure want;
    const char *reason;
};

static void c_none(struct ft_connector *c) { (void)c; }
static void c_v13(struct ft_connector *c)
{
    c->min_version = FT_TLS_V1_3;
}
static void c_bits(struct ft_connector *c) { c->min_bits = 256; }
static void c_fs(struct ft_connector *c) { c->require_fs = true; }
static void c_cert(struct ft_connector *c) { c->require_cert = true; }
static void c_names(struct ft_connector *c)
{
    c->require_cert = true;
    c->cert_names = (struct ft_strv){ names, 2 };
}
static void c_issuers(struct ft_connector *c)
{
    c->require_cert = true;
    c->cert_issuers = (struct ft_strv){ issuers, 1 };
}
static void c_pins(struct ft_connector *c)
{
    c->require_cert = true;
    c->pins = (struct ft_strv){ pins, 1 };
}
static void c_nets(struct ft_connector *c)
{
    static struct ft_cidr nets[2];

    cidr_parse("192.0.2.0/24", &nets[0]);
    cidr_parse("2001:db8::/32", &nets[1]);
    c->networks = nets;
    c->nnetworks = 2;
}

static void t_good(struct ft_tls *t, struct ft_client *cl)
{
    good_tls(t);
    client_set(cl, "mx", "192.0.2.7");
}
static void t_plain(struct ft_tls *t, struct ft_client *cl)
{
    tlsfacts_clear(t);
    client_set(cl, "mx", "192.0.2.7");
}
static void t_v12(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_version(t, "TLSv1.2");
    tlsfacts_set_cipher(t, "ECDHE-RSA-AES128-GCM-SHA256");
    tlsfacts_set_bits(t, "128");
}
static void t_v12_dhe(struct ft_tls *t, struct ft_client *cl)
{
    t_v12(t, cl);
    tlsfacts_set_cipher(t, "DHE-RSA-AES256-GCM-SHA384");
}
static void t_v12_rsa(struct ft_tls *t, struct ft_client *cl)
{
    t_v12(t, cl);
    tlsfacts_set_cipher(t, "AES256-GCM-SHA384");
}
static void t_unknown_cipher(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cipher(t, "MADE-UP-CIPHER");
}
static void t_odd_version(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_version(t, "TLSv9");
}
static void t_odd_bits(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_bits(t, "abc");
}
static void t_unverified(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert(t, false, NULL, NULL);
}
static void t_no_cn(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert(t, true, "", "Test CA");
}
/* A CN that does not fit must not become "" and pass as "no CN". */
static void t_long_subject(struct ft_tls *t, struct ft_client *cl)
{
    char subject[600];

    t_good(t, cl);
    memset(subject, 'a', sizeof(subject) - 1);
    subject[sizeof(subject) - 1] = '\0';
    tlsfacts_set_cert(t, true, subject, "Test CA");
}
static void t_empty_version(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_version(t, "");
}
static void t_wrong_name(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert(t, true, "mail.evil.example", "Test CA");
}
static void t_wild_name(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert(t, true, "A.MX.contoso.example", "Test CA");
}
static void t_deep_name(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert(t, true, "a.b.mx.contoso.example", "Test CA");
}
static void t_sendmail_dn(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert_dn(t, true,
                         "/C=US/O=Contoso+2C+20Inc./CN=mail.contoso.example",
                         "/C=US/CN=Test+20CA");
}
/* Postfix sends the CN itself: a CN that looks like a DN stays one name. */
static void t_dn_shaped_cn(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert(t, true, "CN=mail.contoso.example,O=Evil", "Test CA");
}
static void t_sendmail_two_cns(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert_dn(t, true, "/O=x/CN=evil.example/OU=a/CN=mail.contoso"
                         ".example", "/CN=Test+20CA");
}
static void t_sendmail_no_cn_issuer(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert_dn(t, true, "/CN=mail.contoso.example", "/O=Test CA Org");
}
static void t_wrong_issuer(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert(t, true, "mail.contoso.example", "Other CA");
}
static void t_pinned_untrusted(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_cert(t, false, NULL, NULL);
    tlsfacts_set_fingerprints(t, "00:11", "sha256:aabbccddeeff00112233445566"
                              "778899aabbccddeeff0011223344556677889");
    tlsfacts_set_fingerprints(t, NULL, "sha256:aabbccddeeff0011223344556677"
                              "8899aabbccddeeff00112233445566778899");
}
static void t_unpinned(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    tlsfacts_set_fingerprints(t, "11:22:33:44:55:66:77:88:99:00:11:22:33:44:"
                              "55:66:77:88:99:00:11:22:33:44:55:66:77:88:99:"
                              "00:11:22", NULL);
}
static void t_outside(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    client_set(cl, "mx", "198.51.100.1");
}
static void t_inside_v6(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    client_set(cl, "mx", "2001:db8:1::5");
}
static void t_mapped(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    client_set(cl, "mx", "::ffff:192.0.2.9");
}
static void t_no_addr(struct ft_tls *t, struct ft_client *cl)
{
    t_good(t, cl);
    client_set(cl, "mx", NULL);
}

static const struct eval_case cases[] = {
    { "plaintext fails with no other requirement", c_none, t_plain,
      FT_FAIL_NO_TLS,
      "no TLS (STARTTLS is required)" },
    { "good session passes", c_none, t_good, FT_FAIL_NONE,
      "all requirements met" },
    { "TLS 1.2 below a 1.3 minimum", c_v13, t_v12, FT_FAIL_PROTOCOL,
      "TLS version TLSv1.2 below TLSv1.3" },
    { "unknown version below any minimum", c_v13, t_odd_version,
      FT_FAIL_PROTOCOL, "TLS version TLSv9 below TLSv1.3" },
    { "128 bits below 256", c_bits, t_v12, FT_FAIL_PROTOCOL,
      "cipher bits 128 below 256" },
    { "unreadable bits fail a minimum", c_bits, t_odd_bits, FT_FAIL_PROTOCOL,
      "cipher strength unknown, 256 bits required" },
    { "ECDHE suite has forward secrecy", c_fs, t_v12, FT_FAIL_NONE,
      "all requirements met" },
    { "DHE suite has forward secrecy", c_fs, t_v12_dhe, FT_FAIL_NONE,
      "all requirements met" },
    { "TLS 1.3 suite has forward secrecy", c_fs, t_good, FT_FAIL_NONE,
      "all requirements met" },
    { "RSA key exchange has none", c_fs, t_v12_rsa, FT_FAIL_PROTOCOL,
      "cipher AES256-GCM-SHA384 has no forward secrecy" },
    { "unknown cipher fails forward secrecy", c_fs, t_unknown_cipher,
      FT_FAIL_PROTOCOL, "cipher MADE-UP-CIPHER unknown, forward secrecy "
      "required" },
    { "unverified certificate", c_cert, t_unverified, FT_FAIL_CERTIFICATE,
      "no verified client certificate" },
    { "verified certificate without CN", c_cert, t_no_cn, FT_FAIL_NONE,
      "all requirements met" },
    { "verified without CN fails a name", c_names, t_no_cn,
      FT_FAIL_CERTIFICATE, "certificate name (none) is not in "
      "certificate_names" },
    { "over-long subject is no verified certificate", c_cert, t_long_subject,
      FT_FAIL_CERTIFICATE, "no verified client certificate" },
    { "empty version is unreadable", c_none, t_empty_version,
      FT_FAIL_PROTOCOL, "TLS version unreadable below TLSv1.2" },
    { "right name", c_names, t_good, FT_FAIL_NONE, "all requirements met" },
    { "wrong name", c_names, t_wrong_name, FT_FAIL_CERTIFICATE,
      "certificate name mail.evil.example is not in certificate_names" },
    { "wildcard name, one label, any case", c_names, t_wild_name,
      FT_FAIL_NONE, "all requirements met" },
    { "wildcard name, two labels", c_names, t_deep_name, FT_FAIL_CERTIFICATE,
      "certificate name a.b.mx.contoso.example is not in certificate_names" },
    { "Sendmail DN reduced to its CN", c_names, t_sendmail_dn, FT_FAIL_NONE,
      "all requirements met" },
    { "Sendmail issuer DN", c_issuers, t_sendmail_dn, FT_FAIL_NONE,
      "all requirements met" },
    { "a DN-shaped Postfix CN is taken literally", c_names, t_dn_shaped_cn,
      FT_FAIL_CERTIFICATE, "certificate name CN=mail.contoso.example,O=Evil "
      "is not in certificate_names" },
    { "Sendmail DN with two CNs is no verified certificate", c_names,
      t_sendmail_two_cns, FT_FAIL_CERTIFICATE,
      "no verified client certificate" },
    { "Sendmail issuer without CN keeps the certificate verified", c_names,
      t_sendmail_no_cn_issuer, FT_FAIL_NONE, "all requirements met" },
    { "wrong issuer", c_issuers, t_wrong_issuer, FT_FAIL_CERTIFICATE,
      "certificate issuer Other CA is not in certificate_issuers" },
    { "pin by public key, CA untrusted", c_pins, t_pinned_untrusted,
      FT_FAIL_NONE, "all requirements met" },
    { "unpinned certificate", c_pins, t_unpinned, FT_FAIL_CERTIFICATE,
      "certificate fingerprint 11:22:33:44:55:66:77:88:99:00:11:22:33:44:55:"
      "66:77:88:99:00:11:22:33:44:55:66:77:88:99:00:11:22 is not pinned" },
    { "unseen pins: a verified certificate still passes", c_pins, t_good,
      FT_FAIL_NONE, "all requirements met" },
    { "unseen pins never excuse an unverified certificate", c_pins,
      t_unverified, FT_FAIL_CERTIFICATE, "no verified client certificate" },
    { "client inside v4 network", c_nets, t_good, FT_FAIL_NONE,
      "all requirements met" },
    { "client outside networks", c_nets, t_outside, FT_FAIL_CLIENT_ADDRESS,
      "client address 198.51.100.1 is not in the partner's client_addresses" },
    { "client inside v6 network", c_nets, t_inside_v6, FT_FAIL_NONE,
      "all requirements met" },
    { "v4-mapped client in v4 network", c_nets, t_mapped, FT_FAIL_NONE,
      "all requirements met" },
    { "unknown client address fails networks", c_nets, t_no_addr,
      FT_FAIL_CLIENT_ADDRESS, "client address unknown is not in the "
      "partner's client_addresses" },
};

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct eval_case *k = &cases[i];
        struct ft_connector c = { .name = "p", .min_version = FT_TLS_V1_2 };
        struct ft_tls tls;
        struct ft_client client;
        struct ft_result r;

        k->conn(&c);
        k->tls(&tls, &client);
        evaluate_connector(&c, &tls, &client, &r);
        TAP_OK(r.failure == k->want && strcmp(r.reason, k->reason) == 0,
               k->name, "got %s \"%s\", want %s \"%s\"",
               failure_name(r.failure), r.reason, failure_name(k->want),
               k->reason);
    }
    return tap_done();
}
