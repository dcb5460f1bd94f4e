/* test_decide.c - which connectors a transaction falls under at MAIL and
 * at RCPT, and which outcome answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decide.h"
#include "log.h"
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

static void set_tls(struct ft_tls *tls, bool tls12)
{
    tlsfacts_clear(tls);
    if (tls12) {
        tlsfacts_set_version(tls, "TLSv1.2");
        tlsfacts_set_cipher(tls, "ECDHE-RSA-AES128-GCM-SHA256");
        tlsfacts_set_bits(tls, "128");
    }
}

/* MAIL FROM when there is no recipient, else RCPT TO, the sender's
 * connectors found first, as the daemons find them. */
static int decide(const struct ft_conf *conf, const struct ft_tls *tls,
                  const struct ft_client *client, const char *sender,
                  const char *recipient, struct ft_decision *d)
{
    struct ft_sender_set senders = { 0 };
    int rc = -1;

    *d = (struct ft_decision){ 0 };
    if (decide_sender(conf, sender, &senders) == 0)
        rc = recipient == NULL
            ? decide_mail(conf, tls, client, &senders, d)
            : decide_rcpt(conf, tls, client, &senders, recipient, d);
    decide_sender_free(&senders);
    return rc;
}

static void run_case(const struct ft_conf *conf, const struct decide_case *k,
                     const char *addr)
{
    struct ft_client client;
    struct ft_tls tls;
    struct ft_decision d;
    char got[512];
    int rc;

    client_set(&client, "mx", addr);
    set_tls(&tls, k->tls12);
    rc = decide(conf, &tls, &client, k->sender, k->recipient, &d);
    summary(&d, got, sizeof(got));
    TAP_OK(rc == 0 && strcmp(got, k->want) == 0, k->name,
           "got rc=%d \"%s\", want \"%s\"", rc, got, k->want);
    decision_free(&d);
}

/* decide_sender(): the sender-scoped connectors (recipient-scoped pairs
 * too) a sender falls under, once for the whole transaction. */
struct sender_case {
    const char *name, *sender;
    int rc;
    const char *want;       /* connector names, comma-separated */
};

static const struct sender_case sender_cases[] = {
    { "partner: every connector of its domain", "a@contoso.example", 0,
      "s1,s2-monitor" },
    { "subdomain: the wildcard's only", "a@mx.contoso.example", 0, "s1" },
    { "sender of a sender+recipient pair", "<a@fabrikam.example>", 0, "sr" },
    { "stranger: none", "a@example.org", 0, "" },
    { "null sender: none", "", 0, "" },
    { "NULL sender: none", NULL, 0, "" },
    { "more domains than can be judged: trouble",
      "a%b1.x%b2.x%b3.x%b4.x%b5.x%b6.x%b7.x%b8.x@c.x", -1, "" },
};

/* One set found again and again, as a session finds it at each new
 * transaction: what it held before goes. */
static void test_senders(const struct ft_conf *conf)
{
    struct ft_sender_set s = { 0 };

    for (size_t i = 0; i < sizeof(sender_cases) / sizeof(sender_cases[0]);
         i++) {
        const struct sender_case *k = &sender_cases[i];
        char got[256] = "";
        int rc = decide_sender(conf, k->sender, &s);

        for (size_t j = 0; j < s.n; j++)
            snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s",
                     j ? "," : "", conf->connectors[s.idx[j]].name);
        TAP_OK(rc == k->rc && strcmp(got, k->want) == 0
               && (s.generation == conf->generation) == (rc == 0), k->name,
               "got rc=%d \"%s\" generation %lu, want rc=%d \"%s\"", rc,
               got, s.generation, k->rc, k->want);
    }
    decide_sender_free(&s);
}

/* A set indexes the connectors of the configuration it was found under:
 * with any other (a reload), or never found, it is trouble to decide
 * with, not an empty scope that would let the sender's connectors go. */
static void test_foreign_set(const struct ft_conf *conf)
{
    struct ft_conf *reloaded = load();
    struct ft_sender_set found = { 0 }, never = { 0 };
    struct ft_client client;
    struct ft_tls tls;
    struct ft_decision d;
    int rc;

    client_set(&client, "mx", "192.0.2.1");
    set_tls(&tls, false);
    decide_sender(conf, "a@fabrikam.example", &found);
    rc = decide_mail(reloaded, &tls, &client, &found, &d);
    TAP_OK(rc == -1 && d.n == 0, "MAIL: a set of another configuration is "
           "trouble", "got rc=%d, %zu outcomes", rc, d.n);
    decision_free(&d);
    rc = decide_rcpt(reloaded, &tls, &client, &found, "c@hr.example", &d);
    TAP_OK(rc == -1 && d.n == 0, "RCPT: a set of another configuration is "
           "trouble", "got rc=%d, %zu outcomes", rc, d.n);
    decision_free(&d);
    rc = decide_rcpt(conf, &tls, &client, &never, "b@secure.example", &d);
    TAP_OK(rc == -1 && d.n == 0, "RCPT: a set never found is trouble",
           "got rc=%d, %zu outcomes", rc, d.n);
    decision_free(&d);
    rc = decide_rcpt(conf, &tls, &client, &found, "c@hr.example", &d);
    TAP_OK(rc == 0 && d.n == 1, "RCPT: the set serves its own configuration",
           "got rc=%d, %zu outcomes", rc, d.n);
    decision_free(&d);
    decide_sender_free(&found);
    conf_unref(reloaded);
}

/* decision_answer(), the daemons' last step: what is logged at once,
 * what waits for the queue id, and the reply. */
struct answer_case {
    const char *name;
    bool tls12;
    const char *sender, *recipient;     /* recipient NULL: MAIL stage */
    const char *queue_id;               /* known when deciding */
    bool log_passes, held;              /* held: a store is given */
    const char *at_once, *at_flush;     /* "PREFIX connector=c verdict=v|" */
    const char *reply;                  /* "550 5.7.0"; "" accepted */
};

#define QID "4ZxYw1abcD"

static const struct answer_case answer_cases[] = {
    { "refusal logged at once, its monitor line waits", false,
      "a@contoso.example", NULL, NULL, false, true,
      "NOQUEUE: connector=s1 verdict=reject|",
      QID ": connector=s2-monitor verdict=monitor|", "550 5.7.0" },
    { "no pass line without log_passes", true, "a@contoso.example", NULL,
      NULL, false, true, "", QID ": connector=s2-monitor verdict=monitor|",
      "" },
    { "log_passes: the pass line waits too", true, "a@contoso.example", NULL,
      NULL, true, true, "", QID ": connector=s1 verdict=pass|"
      QID ": connector=s2-monitor verdict=monitor|", "" },
    { "no store: every line at once", false, "a@contoso.example", NULL,
      NULL, true, false, "NOQUEUE: connector=s1 verdict=reject|"
      "NOQUEUE: connector=s2-monitor verdict=monitor|", "", "550 5.7.0" },
    { "queue id known: lines go out with it", true, "a@contoso.example",
      NULL, "4ZxYw1abcE", true, true,
      "4ZxYw1abcE: connector=s1 verdict=pass|"
      "4ZxYw1abcE: connector=s2-monitor verdict=monitor|", "", "" },
    { "a defer answers 450 with its class", false, "a@example.org",
      "b@secure.example", NULL, true, true,
      "NOQUEUE: connector=r1 verdict=defer|", "", "450 4.7.0" },
    { "nothing matched: no line, accepted", false, "a@example.org", NULL,
      NULL, true, true, "", "", "" },
};

static char logged[4096];

/* Each line's first three words: prefix, connector, verdict. */
static void capture(int prio, const char *label, const char *line)
{
    size_t o = strlen(logged), words = 0;

    (void)prio, (void)label;
    for (; *line != '\0' && o + 2 < sizeof(logged); line++) {
        if (*line == ' ' && ++words == 3)
            break;
        logged[o++] = *line;
    }
    logged[o++] = '|';
    logged[o] = '\0';
}

static void run_answer(const struct ft_conf *conf, const struct answer_case *k)
{
    struct ft_client client;
    struct ft_tls tls;
    struct ft_decision d;
    struct ft_held held = { 0 };
    struct ft_reply reply = { "", "", "" };
    struct ft_logctx lc = {
        .queue_id = k->queue_id,
        .stage = k->recipient == NULL ? FT_STAGE_MAIL : FT_STAGE_RCPT,
        .client = &client,
        .sender = k->sender,
        .recipient = k->recipient,
        .tls = &tls,
    };
    char got[32];
    bool no;

    client_set(&client, "mx", "192.0.2.1");
    set_tls(&tls, k->tls12);
    if (decide(conf, &tls, &client, k->sender, k->recipient, &d) != 0) {
        TAP_OK(false, k->name, "decide failed");
        return;
    }
    logged[0] = '\0';
    no = decision_answer(&d, &lc, k->log_passes, k->held ? &held : NULL,
                         &reply);
    TAP_STR(logged, k->at_once, k->name);
    logged[0] = '\0';
    held_flush(&held, QID);
    TAP_STR(logged, k->at_flush, k->name);
    snprintf(got, sizeof(got), "%s%s%s", no ? reply.code : "", no ? " " : "",
             no ? reply.xcode : "");
    TAP_STR(got, k->reply, k->name);
    held_free(&held);
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
    test_senders(conf);
    test_foreign_set(conf);
    log_set_sink(capture);
    for (size_t i = 0; i < sizeof(answer_cases) / sizeof(answer_cases[0]);
         i++)
        run_answer(conf, &answer_cases[i]);
    log_set_sink(NULL);
    conf_unref(conf);
    return tap_done();
}
