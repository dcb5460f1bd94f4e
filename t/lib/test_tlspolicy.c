/* test_tlspolicy.c - which outbound connector serves a Postfix policy-map
 * key, and the smtp_tls_policy_maps value it is served as. */
#include <stdbool.h>

#include "conf_fixture.h"
#include "tap.h"
#include "tlspolicy.h"

#define PIN_A "SHA256:" \
    "11223344556677889900AABBCCDDEEFF11223344556677889900AABBCCDDEEFF"
#define PIN_A_NORM \
    "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:" \
    "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF"
#define PIN_B \
    "ff:ee:dd:cc:bb:aa:00:99:88:77:66:55:44:33:22:11:" \
    "ff:ee:dd:cc:bb:aa:00:99:88:77:66:55:44:33:22:11"
#define PIN_B_NORM \
    "FF:EE:DD:CC:BB:AA:00:99:88:77:66:55:44:33:22:11:" \
    "FF:EE:DD:CC:BB:AA:00:99:88:77:66:55:44:33:22:11"
#define NO_FS "exclude=kRSA:kPSK:kRSAPSK:kECDHr:kECDHe:kDHr:kDHd"

static const char conf_text[] =
    "connector contoso-out {\n"
    "  direction = outbound\n"
    "  recipient_domains = { \"contoso.example\", \"*.contoso.example\" }\n"
    "  tls_level = secure\n"
    "  certificate_names = { \"mx.contoso.example\", \"*.mail.contoso.example\" }\n"
    "  trust_anchor_files = { \"/dev/null\" }\n"
    "  require_forward_secrecy = true\n"
    "}\n"
    "connector eu-out {\n"
    "  direction = outbound\n"
    "  recipient_domains = { \"*.eu.contoso.example\" }\n"
    "  tls_level = encrypt\n"
    "  min_tls_version = \"TLSv1.3\"\n"
    "}\n"
    "connector pinned-out {\n"
    "  direction = outbound\n"
    "  recipient_domains = { \"pinned.example\" }\n"
    "  tls_level = fingerprint\n"
    "  certificate_fingerprints = { \"" PIN_A "\", \"" PIN_B "\" }\n"
    "}\n"
    "connector apex-out {\n"
    "  direction = outbound\n"
    "  recipient_domains = { \"apex.example\" }\n"
    "  tls_level = verify\n"
    "  min_tls_version = \"TLSv1\"\n"
    "}\n"
    "connector dane-out {\n"
    "  direction = outbound\n"
    "  recipient_domains = { \"dane.example\" }\n"
    "  tls_level = dane-only\n"
    "}\n"
    "connector watched-out {\n"
    "  direction = outbound\n"
    "  mode = monitor\n"
    "  recipient_domains = { \"watched.example\", \"*.watched.example\" }\n"
    "  tls_level = secure\n"
    "}\n"
    "connector strict-under-watched {\n"
    "  direction = outbound\n"
    "  recipient_domains = { \"strict.watched.example\" }\n"
    "  tls_level = secure\n"
    "}\n"
    "connector inbound-only {\n"
    "  direction = inbound\n"
    "  recipient_domains = { \"inbound.example\" }\n"
    "}\n";

struct lookup_case {
    const char *name, *key, *want;   /* want: connector name or NULL */
};

static const struct lookup_case lookups[] = {
    { "exact domain", "contoso.example", "contoso-out" },
    { "case and trailing dot", "CONTOSO.Example.", "contoso-out" },
    { "subdomain by *.", "mx1.contoso.example", "contoso-out" },
    { "dot key: any subdomain", ".contoso.example", "contoso-out" },
    { "more specific *. wins", "a.eu.contoso.example", "eu-out" },
    { "more specific, dot key", ".eu.contoso.example", "eu-out" },
    { "*.eu does not cover eu itself", "eu.contoso.example", "contoso-out" },
    { "deep subdomain", "x.y.eu.contoso.example", "eu-out" },
    { "apex-only: the apex", "apex.example", "apex-out" },
    { "apex-only: no subdomains", "mx.apex.example", NULL },
    { "apex-only: no dot key", ".apex.example", NULL },
    { "parent of a connector's domain", ".example", NULL },
    { "top-level dot key", ".com", NULL },
    { "unknown domain", "fabrikam.example", NULL },
    { "monitor mode is served as nothing", "watched.example", NULL },
    { "monitor mode: subdomain", "mx.watched.example", NULL },
    { "enforcing exact under a monitored *.", "strict.watched.example",
      "strict-under-watched" },
    { "next hop with brackets", "[contoso.example]", NULL },
    { "next hop with port", "[relay.example]:587", NULL },
    { "domain with port", "contoso.example:25", NULL },
    { "address literal", "[192.0.2.1]", NULL },
    { "inbound connectors are never served", "inbound.example", NULL },
    { "empty key", "", NULL },
    { "lone dot", ".", NULL },
};

struct render_case {
    const char *connector, *want;
};

static const struct render_case renders[] = {
    { "contoso-out", "secure match=mx.contoso.example:.mail.contoso.example "
                     "protocols=!SSLv2:!SSLv3:!TLSv1:!TLSv1.1 " NO_FS " tafile=/dev/null" },
    { "eu-out", "encrypt protocols=!SSLv2:!SSLv3:!TLSv1:!TLSv1.1:!TLSv1.2" },
    { "pinned-out", "fingerprint match=" PIN_A_NORM "|" PIN_B_NORM
                    " protocols=!SSLv2:!SSLv3:!TLSv1:!TLSv1.1" },
    { "apex-out", "verify protocols=!SSLv2:!SSLv3" },
    { "dane-out", "dane-only protocols=!SSLv2:!SSLv3:!TLSv1:!TLSv1.1" },
};

static const struct ft_connector *by_name(const struct ft_conf *conf,
                                          const char *name)
{
    for (size_t i = 0; i < conf->nconnectors; i++)
        if (strcmp(conf->connectors[i].name, name) == 0)
            return &conf->connectors[i];
    return NULL;
}

static void test_lookup(const struct ft_conf *conf)
{
    for (size_t i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
        const struct lookup_case *c = &lookups[i];
        const struct ft_connector *got = tlspolicy_lookup(conf, c->key);

        TAP_STR(got != NULL ? got->name : "(none)",
                c->want != NULL ? c->want : "(none)", c->name);
    }
}

static void test_render(const struct ft_conf *conf)
{
    char buf[1024];

    for (size_t i = 0; i < sizeof(renders) / sizeof(renders[0]); i++) {
        const struct render_case *c = &renders[i];
        const struct ft_connector *con = by_name(conf, c->connector);
        int n = tlspolicy_render(con, buf, sizeof(buf));

        TAP_INT(n, strlen(c->want), c->connector);
        TAP_STR(buf, c->want, c->connector);
    }
}

static void test_render_limits(const struct ft_conf *conf)
{
    const struct ft_connector *c = by_name(conf, "contoso-out");
    struct ft_connector bad = *c;
    char *names[] = { "mx.contoso.example", "mx two.example" };
    char small[10];
    int need;

    need = tlspolicy_render(c, small, sizeof(small));
    TAP_INT(need, strlen(renders[0].want), "short buffer: length needed");
    TAP_OK(strlen(small) < sizeof(small), "short buffer: terminated",
           "length %zu", strlen(small));
    TAP_INT(tlspolicy_render(by_name(conf, "inbound-only"), small,
                             sizeof(small)),
            -1, "inbound connector: not rendered");
    bad.cert_names.v = names;
    bad.cert_names.n = 2;
    TAP_INT(tlspolicy_render(&bad, small, sizeof(small)), -1,
            "name with a space: refused, not cut");
    names[1] = "mx,two.example";
    TAP_INT(tlspolicy_render(&bad, small, sizeof(small)), -1,
            "name with a comma: refused");
    names[1] = "mx:two.example";
    TAP_INT(tlspolicy_render(&bad, small, sizeof(small)), -1,
            "name with a colon: refused");
}

int main(void)
{
    struct ft_conf *conf = fixture_conf(conf_text);

    test_lookup(conf);
    test_render(conf);
    test_render_limits(conf);
    conf_unref(conf);
    return tap_done();
}
