/* test_failopen.c - no fail-open path: every odd or missing piece of
 * information Postfix (or Sendmail) can hand over, read by the milter's
 * macro reader and by the policy service's attribute reader exactly as
 * the daemons read it, then decided by the core. Each case pins the
 * verdict and the reply's enhanced code on both paths; a case that only
 * one path can see (Sendmail's {verify}, xtext) runs on that one.
 * The table is the README's answer to "what happens when ...". */
#include <stdlib.h>
#include <string.h>

#include <libmilter/mfapi.h>

#include "conf_fixture.h"
#include "decide.h"
#include "log.h"
#include "facts.h"
#include "macros.h"
#include "request.h"
#include "tap.h"

static const char conf_text[] =
    "connector strict {\n direction = inbound\n"
    " sender_domains = { \"contoso.example\", \"xn--bcher-kva.example\" }\n"
    " client_addresses = { \"192.0.2.0/24\" }\n"
    " min_tls_version = \"TLSv1.2\"\n require_forward_secrecy = true\n"
    " min_cipher_bits = 128\n"
    " certificate_names = { \"mail.contoso.example\" }\n"
    " certificate_issuers = { \"Contoso CA\" }\n}\n"
    "connector hr {\n direction = inbound\n action = defer\n"
    " recipient_domains = { \"hr.example\" }\n"
    " min_tls_version = \"TLSv1.2\"\n}\n";

enum path { BOTH, MILTER, POLICY };

/* NULL: not sent. For the policy path, subject and issuer are xtext and
 * an empty value means "not sent", as in Postfix's requests. */
struct odd_case {
    const char *name;
    enum path path;
    const char *version, *cipher, *bits, *subject, *issuer, *verify;
    const char *addr, *sender, *rcpt;   /* rcpt NULL: decided at MAIL */
    const char *want;                   /* "reject 5.7.0", "pass", "none" */
};

#define TLS13 "TLSv1.3", "TLS_AES_256_GCM_SHA384", "256"
#define GOODCERT "mail.contoso.example", "Contoso CA"
#define PARTNER "192.0.2.10", "a@contoso.example"

static const struct odd_case cases[] = {
    /* The baseline: everything right passes. */
    { "all requirements met", BOTH, TLS13, GOODCERT, NULL, PARTNER, NULL,
      "pass" },
    /* TLS facts missing or strange. */
    { "no TLS macro or attribute at all", BOTH, NULL, NULL, NULL, NULL, NULL,
      NULL, PARTNER, NULL, "reject 5.7.0" },
    { "empty cipher name", BOTH, "TLSv1.3", "", "256", GOODCERT, NULL,
      PARTNER, NULL, "reject 5.7.0" },
    { "cipher OpenSSL does not know", BOTH, "TLSv1.3", "NOT-A-CIPHER", "256",
      GOODCERT, NULL, PARTNER, NULL, "reject 5.7.0" },
    { "unknown TLS version name", BOTH, "TLSv1.4", "TLS_AES_256_GCM_SHA384",
      "256", GOODCERT, NULL, PARTNER, NULL, "reject 5.7.0" },
    { "garbage TLS version", MILTER, "x\x01y", "TLS_AES_256_GCM_SHA384", "256",
      GOODCERT, NULL, PARTNER, NULL, "reject 5.7.0" },
    /* A control byte in a policy request: dropped unanswered, and
     * Postfix answers 451 4.3.5 for a failed policy service. */
    { "control byte in a TLS attribute", POLICY, "x\x01y",
      "TLS_AES_256_GCM_SHA384", "256", GOODCERT, NULL, PARTNER, NULL,
      "dropped" },
    { "cipher bits missing", BOTH, "TLSv1.3", "TLS_AES_256_GCM_SHA384", NULL,
      GOODCERT, NULL, PARTNER, NULL, "reject 5.7.0" },
    { "cipher bits not a number", BOTH, "TLSv1.3", "TLS_AES_256_GCM_SHA384",
      "256abc", GOODCERT, NULL, PARTNER, NULL, "reject 5.7.0" },
    { "version in lower case", BOTH, "tlsv1.3", "TLS_AES_256_GCM_SHA384",
      "256", GOODCERT, NULL, PARTNER, NULL, "pass" },
    /* Certificates. */
    { "no certificate", BOTH, TLS13, NULL, NULL, NULL, PARTNER, NULL,
      "reject 5.7.5" },
    { "subject without issuer", BOTH, TLS13, "mail.contoso.example", NULL,
      NULL, PARTNER, NULL, "reject 5.7.5" },
    { "issuer without subject", BOTH, TLS13, NULL, "Contoso CA", NULL,
      PARTNER, NULL, "reject 5.7.5" },
    { "verified, empty CN", BOTH, TLS13, "", "Contoso CA", NULL, PARTNER,
      NULL, "reject 5.7.5" },
    { "CN that looks like a DN is taken literally", BOTH, TLS13,
      "CN=mail.contoso.example,O=x", "Contoso CA", NULL, PARTNER, NULL,
      "reject 5.7.5" },
    { "CN in upper case", BOTH, TLS13, "MAIL.CONTOSO.EXAMPLE", "Contoso CA",
      NULL, PARTNER, NULL, "pass" },
    { "CN with a trailing dot", BOTH, TLS13, "mail.contoso.example.",
      "Contoso CA", NULL, PARTNER, NULL, "pass" },
    { "CN with a control byte", MILTER, TLS13, "mail.contoso.example\n",
      "Contoso CA", NULL, PARTNER, NULL, "reject 5.7.5" },
    { "xtext CN with an encoded newline", POLICY, TLS13,
      "mail.contoso.example+0A", "Contoso+20CA", NULL, PARTNER, NULL,
      "reject 5.7.5" },
    { "xtext CN that does not decode", POLICY, TLS13, "mail+2", "Contoso+20CA",
      NULL, PARTNER, NULL, "reject 5.7.5" },
    /* Sendmail: {verify} and one-line DNs. */
    { "Sendmail {verify}=OK", MILTER, TLS13,
      "/O=Contoso/CN=mail.contoso.example", "/O=Contoso/CN=Contoso+20CA",
      "OK", PARTNER, NULL, "pass" },
    { "Sendmail {verify}=FAIL", MILTER, TLS13,
      "/O=Contoso/CN=mail.contoso.example", "/CN=Contoso+20CA", "FAIL",
      PARTNER, NULL, "reject 5.7.5" },
    { "Sendmail {verify}=NO", MILTER, TLS13,
      "/CN=mail.contoso.example", "/CN=Contoso+20CA", "NO", PARTNER, NULL,
      "reject 5.7.5" },
    { "Sendmail {verify}=NONE", MILTER, TLS13, NULL, NULL, "NONE", PARTNER,
      NULL, "reject 5.7.5" },
    { "Sendmail {verify}=ok, lower case", MILTER, TLS13,
      "/CN=mail.contoso.example", "/CN=Contoso+20CA", "ok", PARTNER, NULL,
      "reject 5.7.5" },
    { "Sendmail {verify} empty", MILTER, TLS13, "/CN=mail.contoso.example",
      "/CN=Contoso+20CA", "", PARTNER, NULL, "reject 5.7.5" },
    { "Sendmail {verify}=OK without a subject", MILTER, TLS13, NULL,
      "/CN=Contoso+20CA", "OK", PARTNER, NULL, "reject 5.7.5" },
    { "Sendmail DN with two CNs", MILTER, TLS13,
      "/CN=evil.example/OU=x/CN=mail.contoso.example", "/CN=Contoso+20CA",
      "OK", PARTNER, NULL, "reject 5.7.5" },
    { "Sendmail DN, encoded '/' hides a CN", MILTER, TLS13,
      "/O=x+2FCN=mail.contoso.example", "/CN=Contoso+20CA", "OK", PARTNER,
      NULL, "reject 5.7.5" },
    /* Client addresses. */
    { "client address missing", BOTH, TLS13, GOODCERT, NULL, NULL,
      "a@contoso.example", NULL, "reject 5.7.1" },
    { "client address unreadable", BOTH, TLS13, GOODCERT, NULL, "192.0.2.x",
      "a@contoso.example", NULL, "reject 5.7.1" },
    { "IPv4-mapped IPv6 client inside the network", BOTH, TLS13, GOODCERT,
      NULL, "::ffff:192.0.2.10", "a@contoso.example", NULL, "pass" },
    /* Addresses, plaintext: what matters is which connector applies. */
    { "sender in upper case", BOTH, NULL, NULL, NULL, NULL, NULL, NULL,
      "192.0.2.10", "<A@CONTOSO.EXAMPLE>", NULL, "reject 5.7.0" },
    { "sender with a trailing dot", BOTH, NULL, NULL, NULL, NULL, NULL, NULL,
      "192.0.2.10", "a@contoso.example.", NULL, "reject 5.7.0" },
    { "sender with two trailing dots", BOTH, NULL, NULL, NULL, NULL, NULL,
      NULL, "192.0.2.10", "a@contoso.example..", NULL, "reject 5.7.0" },
    { "quoted local part naming the partner", BOTH, NULL, NULL, NULL, NULL,
      NULL, NULL, "192.0.2.10", "\"a@contoso.example\"@relay.example", NULL,
      "reject 5.7.0" },
    { "percent hack sender", BOTH, NULL, NULL, NULL, NULL, NULL, NULL,
      "192.0.2.10", "a%contoso.example@relay.example", NULL,
      "reject 5.7.0" },
    { "source route to the partner", BOTH, NULL, NULL, NULL, NULL, NULL,
      NULL, "192.0.2.10", "@relay.example:a@contoso.example", NULL,
      "reject 5.7.0" },
    { "UTF-8 form of an IDN partner domain", BOTH, NULL, NULL, NULL, NULL,
      NULL, NULL, "192.0.2.10", "a@b\xc3\xbc" "cher.example", NULL,
      "reject 5.7.0" },
    { "null sender: no sender-scoped connector", BOTH, NULL, NULL, NULL, NULL,
      NULL, NULL, "192.0.2.10", "", NULL, "none" },
    { "null sender still meets recipient connectors", BOTH, NULL, NULL, NULL,
      NULL, NULL, NULL, "192.0.2.10", "", "u@hr.example", "defer 4.7.0" },
    { "percent hack recipient", BOTH, NULL, NULL, NULL, NULL, NULL, NULL,
      "192.0.2.10", "x@example.org", "u%hr.example@relay.example",
      "defer 4.7.0" },
    { "quoted recipient", BOTH, NULL, NULL, NULL, NULL, NULL, NULL,
      "192.0.2.10", "x@example.org", "\"u@hr.example\"@relay.example",
      "defer 4.7.0" },
    { "recipient in upper case with a trailing dot", BOTH, NULL, NULL, NULL,
      NULL, NULL, NULL, "192.0.2.10", "x@example.org", "U@HR.EXAMPLE.",
      "defer 4.7.0" },
    { "bang path recipient", BOTH, NULL, NULL, NULL, NULL, NULL, NULL,
      "192.0.2.10", "x@example.org", "hr.example!u", "defer 4.7.0" },
    { "non-partner, plaintext: untouched", BOTH, NULL, NULL, NULL, NULL,
      NULL, NULL, "198.51.100.1", "x@example.org", "u@example.net",
      "none" },
};

/* libmilter's macro lookup, answered from the case being run. */
static const struct odd_case *current;

char *smfi_getsymval(SMFICTX *ctx, char *name)
{
    (void)ctx;
    if (strcmp(name, "{tls_version}") == 0)
        return (char *)current->version;
    if (strcmp(name, "{cipher}") == 0)
        return (char *)current->cipher;
    if (strcmp(name, "{cipher_bits}") == 0)
        return (char *)current->bits;
    if (strcmp(name, "{cert_subject}") == 0)
        return (char *)current->subject;
    if (strcmp(name, "{cert_issuer}") == 0)
        return (char *)current->issuer;
    if (strcmp(name, "{verify}") == 0)
        return (char *)current->verify;
    return NULL;
}

static void add(char *buf, size_t len, const char *name, const char *value)
{
    size_t n = strlen(buf);

    if (value != NULL)
        snprintf(buf + n, len - n, "%s=%s\n", name, value);
}

/* The request as Postfix would send it, read as forcetls-policyd reads
 * it; false when it is malformed (dropped without an answer, and Postfix
 * then answers 451 4.3.5 itself). */
static bool policy_facts(const struct odd_case *k, struct ft_tls *tls,
                         struct ft_client *client)
{
    static char buf[4096];
    struct ft_request_attrs req;
    struct ft_reqscan scan;
    char why[REQUEST_WHY_MAX];

    buf[0] = '\0';
    add(buf, sizeof(buf), "request", "smtpd_access_policy");
    add(buf, sizeof(buf), "client_name", "mx");
    add(buf, sizeof(buf), "client_address", k->addr != NULL ? k->addr : "");
    add(buf, sizeof(buf), "encryption_protocol",
        k->version != NULL ? k->version : "");
    add(buf, sizeof(buf), "encryption_cipher", k->cipher);
    add(buf, sizeof(buf), "encryption_keysize", k->bits);
    add(buf, sizeof(buf), "ccert_subject", k->subject != NULL ? k->subject : "");
    add(buf, sizeof(buf), "ccert_issuer", k->issuer != NULL ? k->issuer : "");
    strcat(buf, "\n");     /* the blank line that ends a request */
    request_scan_reset(&scan);
    if (request_scan(&scan, buf, strlen(buf), why, sizeof(why))
            != REQUEST_COMPLETE
        || !request_parse(buf, &scan, &req, why, sizeof(why)))
        return false;
    facts_read(&req, tls, client);
    return true;
}

static void milter_facts(const struct odd_case *k, struct ft_tls *tls,
                         struct ft_client *client)
{
    current = k;
    client_set(client, "mx", k->addr);
    macros_read_tls(NULL, "mx", tls);
}

/* "reject 5.7.5", "pass" (connectors matched, none failed), "none". */
static void outcome(const struct ft_conf *conf, const struct odd_case *k,
                    const struct ft_tls *tls, const struct ft_client *client,
                    char *out, size_t len)
{
    struct ft_sender_set senders = { 0 };
    struct ft_decision d = { 0 };
    struct ft_reply reply;
    int rc = decide_sender(conf, k->sender, &senders);

    if (rc == 0)
        rc = k->rcpt == NULL
            ? decide_mail(conf, tls, client, &senders, &d)
            : decide_rcpt(conf, tls, client, &senders, k->rcpt, &d);

    if (rc != 0)
        snprintf(out, len, "trouble");
    else if (decision_refuses(&d, &reply))
        snprintf(out, len, "%s %s", verdict_name(d.deciding->verdict),
                 reply.xcode);
    else
        snprintf(out, len, "%s", d.n > 0 ? "pass" : "none");
    decision_free(&d);
    decide_sender_free(&senders);
}

static void no_log(int prio, const char *label, const char *line)
{
    (void)prio;
    (void)label;
    (void)line;
}

int main(void)
{
    struct ft_conf *conf = fixture_conf(conf_text);

    log_set_sink(no_log);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct odd_case *k = &cases[i];
        struct ft_tls tls;
        struct ft_client client;
        char got[64], name[200];

        if (k->path != POLICY) {
            milter_facts(k, &tls, &client);
            outcome(conf, k, &tls, &client, got, sizeof(got));
            snprintf(name, sizeof(name), "milter: %s", k->name);
            TAP_STR(got, k->want, name);
        }
        if (k->path != MILTER) {
            if (policy_facts(k, &tls, &client))
                outcome(conf, k, &tls, &client, got, sizeof(got));
            else
                snprintf(got, sizeof(got), "dropped");
            snprintf(name, sizeof(name), "policy: %s", k->name);
            TAP_STR(got, k->want, name);
        }
    }
    conf_unref(conf);
    return tap_done();
}
