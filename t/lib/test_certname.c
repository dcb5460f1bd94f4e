/* test_certname.c - certificate name matching and subject reduction
 * (Postfix CN, Sendmail xtext one-line DN, RFC 2253 DN). */
#include <stdbool.h>
#include <string.h>

#include "certname.h"
#include "tap.h"

struct match_case {
    const char *name, *pattern, *cn;
    bool want;
};

static const struct match_case match_cases[] = {
    { "exact", "mail.contoso.com", "mail.contoso.com", true },
    { "exact, case", "Mail.Contoso.COM", "mail.contoso.COM", true },
    { "exact, trailing dot on CN", "mail.contoso.com", "mail.contoso.com.",
      true },
    { "exact, trailing dot on pattern", "mail.contoso.com.",
      "mail.contoso.com", true },
    { "exact, other name", "mail.contoso.com", "mx.contoso.com", false },
    { "exact, longer CN", "contoso.com", "mail.contoso.com", false },
    { "exact, suffix trick", "contoso.com", "evilcontoso.com", false },
    { "exact does not expand a wildcard CN", "mail.contoso.com",
      "*.contoso.com", false },
    { "wildcard, one label", "*.contoso.com", "a.contoso.com", true },
    { "wildcard, case", "*.CONTOSO.com", "MX1.contoso.Com", true },
    { "wildcard, trailing dots", "*.contoso.com.", "a.contoso.com.", true },
    { "wildcard, two labels", "*.contoso.com", "a.b.contoso.com", false },
    { "wildcard, apex", "*.contoso.com", "contoso.com", false },
    { "wildcard, empty label", "*.contoso.com", ".contoso.com", false },
    { "wildcard, other domain", "*.contoso.com", "a.fabrikam.com", false },
    { "wildcard, suffix trick", "*.contoso.com", "a.evilcontoso.com",
      false },
    { "wildcard, CN is the same wildcard", "*.contoso.com",
      "*.contoso.com", true },
    { "issuer with spaces", "GlobalSign RSA OV SSL CA 2018",
      "globalsign rsa ov ssl ca 2018", true },
    { "issuer, different", "GlobalSign RSA OV SSL CA 2018",
      "GlobalSign RSA OV SSL CA 2019", false },
    { "empty CN matches nothing", "*.contoso.com", "", false },
    { "empty CN, empty pattern", "", "", false },
    { "CN of a dot", ".", ".", false },
    { "bare star is exact text", "*", "a", false },
    { "non-ASCII compared as bytes", "M\xc3\xbcller CA", "m\xc3\xbcller ca",
      true },
};

/* Postfix's match= rules (postconf(5) smtp_tls_verify_cert_match and
 * tls_wildcard_matches_multiple_labels), pattern against certificate. */
struct postfix_case {
    const char *name, *pattern, *certid;
    bool multi_label, want;
};

static const struct postfix_case postfix_cases[] = {
    { "exact", "mail.contoso.example", "mail.contoso.example", false, true },
    { "exact, case and trailing dot", "Mail.Contoso.Example.",
      "mail.contoso.example", false, true },
    { "exact, other name", "mail.contoso.example", "mx.contoso.example",
      false, false },
    { "certificate wildcard covers the first label", "mail.contoso.example",
      "*.contoso.example", false, true },
    { "certificate wildcard, case", "MAIL.contoso.example",
      "*.Contoso.EXAMPLE", false, true },
    { "certificate wildcard, one label only", "a.mail.contoso.example",
      "*.contoso.example", false, false },
    { "certificate wildcard, several labels when Postfix allows",
      "a.mail.contoso.example", "*.contoso.example", true, true },
    { "certificate wildcard does not cover the apex", "contoso.example",
      "*.contoso.example", false, false },
    { "certificate wildcard, apex, several labels allowed", "contoso.example",
      "*.contoso.example", true, false },
    { "certificate wildcard, suffix trick", "mail.evilcontoso.example",
      "*.contoso.example", true, false },
    { "certificate wildcard, other domain", "mail.fabrikam.example",
      "*.contoso.example", false, false },
    { "star only as the whole first label", "mail.contoso.example",
      "m*.contoso.example", false, false },
    { "bare star names nothing", "example", "*", false, false },
    { "dot pattern, one label below", ".contoso.example",
      "mail.contoso.example", false, true },
    { "dot pattern, any depth", ".contoso.example",
      "a.b.mail.contoso.example", false, true },
    { "dot pattern, not the apex", ".contoso.example", "contoso.example",
      false, false },
    { "dot pattern, suffix trick", ".contoso.example",
      "mail.evilcontoso.example", false, false },
    { "dot pattern takes a wildcard certificate", ".contoso.example",
      "*.contoso.example", false, true },
    { "dot pattern, wildcard of the parent", ".mail.contoso.example",
      "*.contoso.example", false, false },
    { "a lone dot matches nothing", ".", "a.", false, false },
    { "empty certificate name", "mail.contoso.example", "", false, false },
    { "empty pattern", "", "mail.contoso.example", false, false },
};

struct subject_case {
    const char *name, *subject, *want;
};

static const struct subject_case subject_cases[] = {
    { "a hostname is not a DN", "mx.contoso.com", "" },
    { "a plain CN is not a DN", "Contoso Issuing CA 01", "" },
    { "a CN with a comma is not a DN", "Contoso, Inc. CA", "" },
    { "empty", "", "" },
    { "Sendmail DN", "/C=US/O=Contoso/CN=mx.contoso.com", "mx.contoso.com" },
    { "Sendmail DN, xtext", "/C=US/O=Contoso+2C+20Inc/CN=Contoso+20CA+2C+201",
      "Contoso CA, 1" },
    { "Sendmail DN, '=' encoded", "/C+3DUS/CN+3Dmx.contoso.com",
      "mx.contoso.com" },
    { "Sendmail DN, CN not last", "/C=US/CN=mx.contoso.com/emailAddress="
      "pm@contoso.com", "mx.contoso.com" },
    { "Sendmail DN, two CNs name nobody",
      "/CN=Contoso Root/OU=x/CN=mx.contoso.com", "" },
    { "Sendmail DN, a '/' in a value fakes a second CN",
      "/O=x/CN=evil.example/OU=a/CN=partner.example", "" },
    { "Sendmail DN, '/' inside a value", "/O=A/B/CN=mx.contoso.com",
      "mx.contoso.com" },
    { "Sendmail DN, '/' inside the CN", "/O=A/CN=a/b", "a/b" },
    { "Sendmail DN, lower-case cn", "/O=A/cn=mx.contoso.com",
      "mx.contoso.com" },
    { "Sendmail DN without CN", "/C=US/O=Contoso", "" },
    { "Sendmail DN, bad xtext", "/C=US/CN=mx+2", "" },
    { "Sendmail DN, encoded NUL", "/CN=mx+00.evil.com", "" },
    { "Sendmail DN, empty CN", "/O=A/CN=", "" },
    { "Sendmail DN, encoded '/' stays in its value",
      "/O=x+2FCN=mail.contoso.example", "" },
    { "Sendmail DN, encoded '/' inside the CN", "/O=x/CN=a+2Fb", "a/b" },
    { "Sendmail DN, encoded newline", "/CN=mail.contoso.example+0Ax", "" },
    { "Sendmail DN, raw control byte", "/CN=mail.contoso.example\tx", "" },
    { "Sendmail DN, encoded DEL", "/CN=mx+7F", "" },
    { "RFC 2253, escaped newline", "CN=mx\\0Aevil,O=X", "" },
    { "RFC 2253 DN", "CN=mx.contoso.com,O=Contoso,C=US", "mx.contoso.com" },
    { "RFC 2253, CN later, spaces", "O=Contoso, CN=mx.contoso.com",
      "mx.contoso.com" },
    { "RFC 2253, escaped comma", "CN=Contoso\\, Inc. CA,O=Contoso",
      "Contoso, Inc. CA" },
    { "RFC 2253, hex escape", "CN=Contoso\\2C Inc,C=US", "Contoso, Inc" },
    { "RFC 2253, two CNs name nobody", "CN=mx.contoso.com,CN=other,O=X",
      "" },
    { "RFC 2253 without CN", "O=Contoso,C=US", "" },
    { "RFC 2253, escaped comma hides a fake CN",
      "OU=x\\,CN=victim.example,O=Evil", "" },
    { "RFC 2253, multi-valued RDN", "OU=x+CN=mx.contoso.com,O=X",
      "mx.contoso.com" },
    { "RFC 2253, bad trailing escape", "CN=mx\\", "" },
};

static void test_subjects(void)
{
    for (size_t i = 0; i < sizeof(subject_cases) / sizeof(subject_cases[0]);
         i++) {
        char out[256];

        memset(out, 'x', sizeof(out));
        certname_from_dn(subject_cases[i].subject, out, sizeof(out));
        TAP_STR(out, subject_cases[i].want, subject_cases[i].name);
    }
}

/* A name cut to fit could match a shorter pattern, so it must be "". */
static void test_small_output(void)
{
    char out[8];

    certname_from_dn("/CN=mail.contoso.com.evil.org", out, sizeof(out));
    TAP_STR(out, "", "too long Sendmail CN gives empty");
    certname_from_dn("CN=mail.contoso.com.evil.org", out, sizeof(out));
    TAP_STR(out, "", "too long RFC 2253 CN gives empty");
    certname_from_dn("/CN=1234567", out, sizeof(out));
    TAP_STR(out, "1234567", "exactly fits");
    certname_from_dn(NULL, out, sizeof(out));
    TAP_STR(out, "", "NULL subject");
}

int main(void)
{
    for (size_t i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]);
         i++) {
        const struct match_case *c = &match_cases[i];

        TAP_INT(certname_match(c->pattern, c->cn), c->want, c->name);
    }
    TAP_INT(certname_match(NULL, "a"), false, "NULL pattern");
    TAP_INT(certname_match("a", NULL), false, "NULL CN");
    for (size_t i = 0; i < sizeof(postfix_cases) / sizeof(postfix_cases[0]);
         i++) {
        const struct postfix_case *c = &postfix_cases[i];

        TAP_INT(certname_postfix_match(c->pattern, c->certid, c->multi_label),
                c->want, c->name);
    }
    TAP_INT(certname_postfix_match(NULL, "a", true), false,
            "Postfix match, NULL pattern");
    test_subjects();
    test_small_output();
    return tap_done();
}
