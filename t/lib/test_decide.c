/* test_decide.c - which connectors a transaction falls under at MAIL and
 * at RCPT, and which outcome answers. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decide.h"
#include "tap.h"

static const char conf_text[] =
    "trusted_clients = { \"10.0.0.0/8\", \"2001:db8::/32\" }\n"
    "connector s1 {\n direction = inbound\n"
    " sender_domains = { \"contoso.example\", \"*.contoso.example\" }\n}\n"
    "connector s2-monitor {\n direction = inbound\n mode = monitor\n"
    " sender_domains = { \"contoso.example\" }\n min_tls_version = TLSv1.3\n}\n"
    "connector r1 {\n direction = inbound\n action = defer\n"
    " recipient_domains = { \"secure.example\" }\n}\n"
    "connector sr {\n direction = inbound\n"
    " sender_domains = { \"fabrikam.example\" }\n"
    " recipient_domains = { \"hr.example\" }\n"
    " require_certificate = true\n}\n"
    "connector out {\n direction = outbound\n"
    " recipient_domains = { \"contoso.example\" }\n}\n";

static struct ft_conf *load(void)
{
    char path[] = "/tmp/ft-decide-XXXXXX";
    int fd = mkstemp(path);
    struct ft_err err;
    struct ft_conf *conf;

    if (fd < 0 || write(fd, conf_text, sizeof(conf_text) - 1) < 0)
        exit(99);
    close(fd);
    conf = conf_load(path, &err);
    unlink(path);
    if (conf == NULL) {
        printf("Bail out! %s:%d: %s\n", err.file, err.line, err.msg);
        exit(99);
    }
    return conf;
}

/* "s1:pass,s2-monitor:monitor>s1" style summary of a decision. */
static void summary(const struct ft_decision *d, char *out, size_t len)
{
    size_t o = 0;

    out[0] = '\0';
    for (size_t i = 0; i < d->n && o < len; i++)
        o += (size_t)snprintf(out + o, len - o, "%s%s:%s", i ? "," : "",
                              d->items[i].connector->name,
                              verdict_name(d->items[i].verdict));
    if (d->deciding != NULL && o < len)
        snprintf(out + o, len - o, ">%s", d->deciding->connector->name);
}

struct decide_case {
    const char *name;
    bool tls12;         /* else plaintext */
    const char *sender, *recipient;   /* recipient NULL: MAIL stage */
    const char *want;
};

static const struct decide_case cases[] = {
    { "plaintext partner at MAIL: enforce rejects, monitor logs", false,
      "a@contoso.example", NULL, "s1:reject,s2-monitor:monitor>s1" },
    { "TLS 1.2 partner: monitor would fail only", true, "a@contoso.example",
      NULL, "s1:pass,s2-monitor:monitor" },
    { "subdomain sender: only the wildcard connector", false,
      "a@mx.Contoso.Example", NULL, "s1:reject>s1" },
    { "non-partner: nothing", false, "a@example.org", NULL, "" },
    { "null sender: nothing", false, "", NULL, "" },
    { "recipient-scoped not decided at MAIL", false, "a@example.org", NULL,
      "" },
    { "recipient-scoped at RCPT defers", false, "a@example.org",
      "b@secure.example", "r1:defer>r1" },
    { "other recipient untouched", false, "a@example.org", "b@other.example",
      "" },
    { "sender-scoped connector not repeated at RCPT", false,
      "a@contoso.example", "b@other.example", "" },
    { "sender+recipient connector: both match", true, "a@fabrikam.example",
      "c@hr.example", "sr:reject>sr" },
    { "sender+recipient connector: sender differs", true, "a@example.org",
      "c@hr.example", "" },
    { "null sender still meets recipient connectors", false, "",
      "b@secure.example", "r1:defer>r1" },
    { "outbound connectors never decide inbound mail", false,
      "a@example.org", "b@contoso.example", "" },
    /* Addresses Postfix rewrites after they were judged. */
    { "percent hack recipient reaches the scoped domain", false,
      "a@example.org", "ceo%secure.example@relay.example", "r1:defer>r1" },
    { "percent hack sender without '@'", false, "a%contoso.example", NULL,
      "s1:reject,s2-monitor:monitor>s1" },
    { "bang path sender", false, "contoso.example!a", NULL,
      "s1:reject,s2-monitor:monitor>s1" },
    { "quoted '@' recipient", false, "a@example.org",
      "\"ceo@secure.example\"@relay.example", "r1:defer>r1" },
    { "source route: the final domain decides", false,
      "@contoso.example:a@example.org", NULL, "" },
    { "source route to a partner", false, "@relay.example:a@contoso.example",
      NULL, "s1:reject,s2-monitor:monitor>s1" },
    { "two trailing dots still name the partner", false,
      "a@contoso.example..", NULL, "s1:reject,s2-monitor:monitor>s1" },
    { "upper case and a trailing dot", false, "<A@CONTOSO.EXAMPLE.>", NULL,
      "s1:reject,s2-monitor:monitor>s1" },
    { "percent hack to a partner's sender+recipient pair", true,
      "a%fabrikam.example@relay.example", "c@hr.example", "sr:reject>sr" },
};

/* Whether a client is trusted is its caller's question, asked once per
 * connection (t/lib/test_trusted.c): decide judges every client it is
 * given, one in trusted_clients too. */
struct client_case {
    const char *client;
    struct decide_case k;
};

static const struct client_case client_cases[] = {
    { "10.1.2.3", { "trusted_clients not looked at, MAIL", false,
                    "a@contoso.example", NULL,
                    "s1:reject,s2-monitor:monitor>s1" } },
    { "10.1.2.3", { "trusted_clients not looked at, RCPT", false,
                    "a@example.org", "b@secure.example", "r1:defer>r1" } },
};

static void run_case(const struct ft_conf *conf, const struct decide_case *k,
                     const char *addr)
{
    struct ft_client client;
    struct ft_tls tls;
    struct ft_decision d;
    char got[512];
    int rc;

    client_set(&client, "mx", addr);
    tlsfacts_clear(&tls);
    if (k->tls12) {
        tlsfacts_set_version(&tls, "TLSv1.2");
        tlsfacts_set_cipher(&tls, "ECDHE-RSA-AES128-GCM-SHA256");
        tlsfacts_set_bits(&tls, "128");
    }
    rc = k->recipient == NULL
        ? decide_mail(conf, &tls, &client, k->sender, &d)
        : decide_rcpt(conf, &tls, &client, k->sender, k->recipient, &d);
    summary(&d, got, sizeof(got));
    TAP_OK(rc == 0 && strcmp(got, k->want) == 0, k->name,
           "got rc=%d \"%s\", want \"%s\"", rc, got, k->want);
    decision_free(&d);
}

int main(void)
{
    struct ft_conf *conf = load();

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run_case(conf, &cases[i], "192.0.2.1");
    for (size_t i = 0; i < sizeof(client_cases) / sizeof(client_cases[0]);
         i++)
        run_case(conf, &client_cases[i].k, client_cases[i].client);
    conf_unref(conf);
    return tap_done();
}
