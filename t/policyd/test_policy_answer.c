/* test_policy_answer.c - policy requests through the daemon's handler
 * (facts, pins, transactions, replies) and socketmap queries through the
 * map handler, against one configuration. */
#include <stdbool.h>

#include <string.h>

#include "conf_fixture.h"
#include "log.h"
#include "policy.h"
#include "request.h"
#include "tap.h"
#include "tlsmap.h"

#define FP_PINNED \
    "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:" \
    "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"
#define FP_PKEY \
    "01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:" \
    "11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F:20"
#define FP_OTHER \
    "99:99:99:99:99:99:99:99:99:99:99:99:99:99:99:99:" \
    "99:99:99:99:99:99:99:99:99:99:99:99:99:99:99:99"

static const char conf_text[] =
    "trusted_clients = { \"192.0.2.200/32\" }\n"
    "connector contoso-in {\n"
    "  direction = inbound\n"
    "  sender_domains = { \"contoso.example\" }\n"
    "  client_addresses = { \"192.0.2.0/24\" }\n"
    "  min_tls_version = \"TLSv1.2\"\n"
    "  require_certificate = true\n"
    "  certificate_names = { \"mail.contoso.example\" }\n"
    "  certificate_issuers = { \"forcetls Test CA\" }\n"
    "}\n"
    "connector pinned-in {\n"
    "  direction = inbound\n"
    "  sender_domains = { \"pinned.example\" }\n"
    "  certificate_fingerprints = { \"SHA256:" FP_PINNED "\",\n"
    "      \"0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20\" }\n"
    "}\n"
    "connector northwind-in {\n"
    "  direction = inbound\n"
    "  action = defer\n"
    "  sender_domains = { \"northwind.example\" }\n"
    "  min_tls_version = \"TLSv1.3\"\n"
    "}\n"
    "connector tailspin-in {\n"
    "  direction = inbound\n"
    "  mode = monitor\n"
    "  sender_domains = { \"tailspin.example\" }\n"
    "}\n"
    "connector secure-rcpt {\n"
    "  direction = inbound\n"
    "  recipient_domains = { \"secure.test.example\" }\n"
    "}\n"
    "connector contoso-out {\n"
    "  direction = outbound\n"
    "  recipient_domains = { \"contoso.example\" }\n"
    "  tls_level = encrypt\n"
    "}\n";

#define TLS13 "encryption_protocol=TLSv1.3\n" \
              "encryption_cipher=TLS_AES_256_GCM_SHA384\n" \
              "encryption_keysize=256\n"
#define TLS12 "encryption_protocol=TLSv1.2\n" \
              "encryption_cipher=ECDHE-RSA-AES256-GCM-SHA384\n" \
              "encryption_keysize=256\n"
#define VERIFIED "ccert_subject=mail.contoso.example\n" \
                 "ccert_issuer=forcetls+20Test+20CA\n"
/* A RCPT request's first attributes, for one of our users. */
#define RCPT(sender) \
    "protocol_state=RCPT\nsender=" sender "\nrecipient=u@test.example\n"
#define CLIENT_IN "client_address=192.0.2.5\nclient_name=mx.contoso.example\n"
#define CLIENT_OUT "client_address=198.51.100.7\nclient_name=unknown\n"

struct case_ {
    const char *name;
    const char *attrs;     /* after request=smtpd_access_policy */
    const char *want;      /* the action line, without "action=" */
};

static const struct case_ cases[] = {
    { "plaintext partner at RCPT",
      RCPT("a@contoso.example")
      CLIENT_IN,
      "550 5.7.0 connector contoso-in: no TLS (STARTTLS is required)" },
    { "plaintext partner at MAIL",
      "protocol_state=MAIL\nsender=a@contoso.example\n" CLIENT_IN,
      "550 5.7.0 connector contoso-in: no TLS (STARTTLS is required)" },
    { "verified certificate, xtext issuer: pass",
      RCPT("a@contoso.example")
      CLIENT_IN TLS13 VERIFIED,
      "DUNNO" },
    { "bracketed addresses are accepted",
      "protocol_state=RCPT\nsender=<a@contoso.example>\n"
      "recipient=<u@test.example>\n" CLIENT_IN TLS13 VERIFIED,
      "DUNNO" },
    { "unverified certificate (no subject, no issuer)",
      RCPT("a@contoso.example")
      CLIENT_IN TLS13 "ccert_subject=\nccert_issuer=\n"
      "ccert_fingerprint=" FP_OTHER "\n",
      "550 5.7.5 connector contoso-in: no verified client certificate" },
    { "broken xtext is not a verified name",
      RCPT("a@contoso.example")
      CLIENT_IN TLS13 "ccert_subject=mail+ZZcontoso\n"
      "ccert_issuer=forcetls+20Test+20CA\n",
      "550 5.7.5 connector contoso-in: no verified client certificate" },
    { "partner from outside its networks",
      RCPT("a@contoso.example")
      CLIENT_OUT TLS13 VERIFIED,
      "550 5.7.1 connector contoso-in: client address 198.51.100.7 is not "
      "in the partner's client_addresses" },
    { "pinned certificate, not verified: pass",
      RCPT("a@pinned.example")
      CLIENT_OUT TLS13 "ccert_subject=\nccert_issuer=\n"
      "ccert_fingerprint=" FP_PINNED "\n",
      "DUNNO" },
    { "pin in another spelling",
      RCPT("a@pinned.example")
      CLIENT_OUT TLS13
      "ccert_fingerprint=aabbccddeeff00112233445566778899"
      "aabbccddeeff00112233445566778899\n",
      "DUNNO" },
    { "public-key pin",
      RCPT("a@pinned.example")
      CLIENT_OUT TLS13 "ccert_fingerprint=" FP_OTHER "\n"
      "ccert_pubkey_fingerprint=" FP_PKEY "\n",
      "DUNNO" },
    { "wrong certificate fails the pin",
      RCPT("a@pinned.example")
      CLIENT_OUT TLS13 "ccert_fingerprint=" FP_OTHER "\n"
      "ccert_pubkey_fingerprint=" FP_OTHER "\n",
      "550 5.7.5 connector pinned-in: certificate fingerprint " FP_OTHER
      " is not pinned" },
    { "pinned partner without a certificate",
      RCPT("a@pinned.example")
      CLIENT_OUT TLS13 "ccert_fingerprint=\nccert_pubkey_fingerprint=\n",
      "550 5.7.5 connector pinned-in: no client certificate" },
    { "unreadable fingerprint fails the pin",
      RCPT("a@pinned.example")
      CLIENT_OUT TLS13 "ccert_fingerprint=not-hex\n",
      "550 5.7.5 connector pinned-in: no client certificate" },
    { "defer action",
      RCPT("a@northwind.example")
      CLIENT_OUT TLS12,
      "450 4.7.0 connector northwind-in: TLS version TLSv1.2 below TLSv1.3" },
    { "monitor mode answers DUNNO",
      RCPT("a@tailspin.example")
      CLIENT_OUT,
      "DUNNO" },
    { "recipient-scoped at RCPT",
      "protocol_state=RCPT\nsender=a@nobody.example\n"
      "recipient=r@secure.test.example\n" CLIENT_OUT,
      "550 5.7.0 connector secure-rcpt: no TLS (STARTTLS is required)" },
    { "recipient-scoped: nothing at MAIL",
      "protocol_state=MAIL\nsender=a@nobody.example\n"
      "recipient=r@secure.test.example\n" CLIENT_OUT,
      "DUNNO" },
    { "non-partner",
      RCPT("a@nobody.example")
      CLIENT_OUT,
      "DUNNO" },
    { "null sender",
      "protocol_state=RCPT\nsender=\nrecipient=u@test.example\n" CLIENT_OUT,
      "DUNNO" },
    { "DATA stage: a misplaced policy service still decides",
      "protocol_state=DATA\nsender=a@contoso.example\nrecipient=u@test.example\n"
      CLIENT_IN,
      "550 5.7.0 connector contoso-in: no TLS (STARTTLS is required)" },
    { "END-OF-MESSAGE stage, several recipients: still decides the sender",
      "protocol_state=END-OF-MESSAGE\nsender=a@contoso.example\nrecipient=\n"
      CLIENT_IN,
      "550 5.7.0 connector contoso-in: no TLS (STARTTLS is required)" },
    { "DATA stage: recipient-scoped connector for the named recipient",
      "protocol_state=DATA\nsender=a@nobody.example\n"
      "recipient=u@secure.test.example\n" CLIENT_OUT,
      "550 5.7.0 connector secure-rcpt: no TLS (STARTTLS is required)" },
    { "CONNECT stage: nothing to decide yet",
      "protocol_state=CONNECT\n" CLIENT_IN,
      "DUNNO" },
    { "no protocol_state",
      "sender=a@contoso.example\n" CLIENT_IN,
      "DUNNO" },
};

/* The action policy_answer gives for attrs; "(refused)" when it refuses. */
static const char *answer(const struct ft_conf *conf,
                          struct ft_policy_txn *txn, const char *request,
                          const char *attrs, char *out, size_t len)
{
    char buf[8192], why[REQUEST_WHY_MAX] = "";
    struct ft_request_attrs req;
    struct ft_reqscan scan;
    size_t n = (size_t)snprintf(buf, sizeof(buf), "request=%s\n%s\n",
                                request, attrs);

    request_scan_reset(&scan);
    if (request_scan(&scan, buf, n, why, sizeof(why)) != REQUEST_COMPLETE
        || !request_parse(buf, &scan, &req, why, sizeof(why))
        || !policy_answer(conf, txn, &req, out, len, why, sizeof(why))) {
        snprintf(out, len, "(refused: %s)", why);
        return out;
    }
    /* "action=X\n\n" -> "X" */
    if (strncmp(out, "action=", 7) != 0 || strlen(out) < 9
        || strcmp(out + strlen(out) - 2, "\n\n") != 0)
        return "(not an action)";
    memmove(out, out + 7, strlen(out) - 7 + 1);
    out[strlen(out) - 2] = '\0';
    return out;
}

/* TAP_STR repeats its argument on failure: answer once. */
static void expect_answer(const struct ft_conf *conf,
                          struct ft_policy_txn *txn, const char *attrs,
                          const char *want, const char *name)
{
    char out[POLICY_ANSWER_MAX];
    const char *a = answer(conf, txn, "smtpd_access_policy", attrs, out,
                           sizeof(out));

    TAP_STR(a, want, name);
}

static void test_cases(const struct ft_conf *conf)
{
    char out[POLICY_ANSWER_MAX];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ft_policy_txn txn = { .instance = "" };

        expect_answer(conf, &txn, cases[i].attrs, cases[i].want,
                      cases[i].name);
        policy_txn_end(&txn);
    }
    {
        struct ft_policy_txn txn = { .instance = "" };
        const char *a = answer(conf, &txn, "junk_policy", "", out,
                               sizeof(out));
        TAP_OK(strncmp(a, "(refused", 8) == 0,
               "another request type is refused", "got \"%s\"", a);
        policy_txn_end(&txn);
    }
}

/* The sender is decided once per transaction: later recipients of the
 * same instance get its answer, a new instance is decided anew. */
static void test_transactions(const struct ft_conf *conf)
{
    struct ft_policy_txn txn = { .instance = "" };
    const char *reject = "550 5.7.0 connector contoso-in: no TLS "
        "(STARTTLS is required)";
    const char *plain = "protocol_state=RCPT\ninstance=1a.2b.0\n"
        "sender=a@contoso.example\nrecipient=u1@test.example\n" CLIENT_IN;
    const char *same_tls = "protocol_state=RCPT\ninstance=1a.2b.0\n"
        "sender=a@contoso.example\nrecipient=u2@test.example\n" CLIENT_IN
        TLS13 VERIFIED;
    const char *next_tls = "protocol_state=RCPT\ninstance=1a.2b.1\n"
        "sender=a@contoso.example\nrecipient=u3@test.example\n" CLIENT_IN
        TLS13 VERIFIED;
    const char *next_rcpt = "protocol_state=RCPT\ninstance=1a.2b.1\n"
        "sender=a@contoso.example\nrecipient=r@secure.test.example\n"
        CLIENT_IN TLS13 VERIFIED;

    expect_answer(conf, &txn, plain, reject,
                  "transaction: first recipient decides the sender");
    expect_answer(conf, &txn, same_tls, reject,
                  "transaction: same instance keeps the sender's verdict");
    expect_answer(conf, &txn, next_tls, "DUNNO",
                  "transaction: a new instance is decided anew");
    expect_answer(conf, &txn, next_rcpt, "DUNNO",
                  "transaction: recipient-scoped decided per recipient");
    policy_txn_end(&txn);
}

/* An answer longer than the caller's buffer loses the end of its text,
 * never the blank line that ends it. */
static void test_short_buffer(const struct ft_conf *conf)
{
    struct ft_policy_txn txn = { .instance = "" };
    const char *plain = "protocol_state=RCPT\ninstance=1b.2b.0\n"
        "sender=a@contoso.example\nrecipient=u1@test.example\n" CLIENT_IN;
    char out[40];

    TAP_STR(answer(conf, &txn, "smtpd_access_policy", plain, out,
                   sizeof(out)),
            "550 5.7.0 connector contoso-in", "short buffer: text cut");
    policy_txn_end(&txn);
}

static char logged[4096];

static void capture(int prio, const char *label, const char *line)
{
    (void)prio;
    snprintf(logged + strlen(logged), sizeof(logged) - strlen(logged),
             "%s%s%s\n", label ? label : "", label ? ": " : "", line);
}

/* How many lines of logged start with prefix. */
static int logged_lines(const char *prefix)
{
    int n = 0;

    for (const char *p = logged; *p; p = strchr(p, '\n') + 1)
        n += strncmp(p, prefix, strlen(prefix)) == 0;
    return n;
}

/* A pass waits for the queue id: the first RCPT has none, END-OF-MESSAGE
 * (check_policy_service under smtpd_end_of_data_restrictions) brings it
 * and decides nothing anew; a new instance lets an unfinished one's lines
 * out as NOQUEUE, and so does the end of the connection. */
static void test_queue_id(const struct ft_conf *conf)
{
    struct ft_policy_txn txn = { .instance = "" };
    const char *rcpt = "protocol_state=RCPT\ninstance=5.6.0\n"
        "sender=a@contoso.example\nrecipient=u1@test.example\n" CLIENT_IN
        TLS13 VERIFIED;
    const char *eom = "protocol_state=END-OF-MESSAGE\ninstance=5.6.0\n"
        "queue_id=4ZxYw1abcD\nsender=a@contoso.example\n"
        "recipient=u1@test.example\n" CLIENT_IN TLS13 VERIFIED;
    const char *next = "protocol_state=RCPT\ninstance=5.6.1\n"
        "sender=a@contoso.example\nrecipient=u1@test.example\n" CLIENT_IN
        TLS13 VERIFIED;

    log_set_sink(capture);
    logged[0] = '\0';
    expect_answer(conf, &txn, rcpt, "DUNNO", "queue id: first RCPT passes");
    TAP_STR(logged, "", "queue id: the pass waits for the queue id");
    expect_answer(conf, &txn, eom, "DUNNO",
                  "queue id: END-OF-MESSAGE of a decided transaction");
    TAP_INT(logged_lines("4ZxYw1abcD: connector=contoso-in verdict=pass "),
            1, "queue id: the pass is logged with it, once");
    TAP_INT(logged_lines("warning:"), 0,
            "queue id: no placement warning for the end-of-data check");
    logged[0] = '\0';
    expect_answer(conf, &txn, next, "DUNNO", "queue id: next transaction");
    expect_answer(conf, &txn, rcpt, "DUNNO", "queue id: and another");
    TAP_INT(logged_lines("NOQUEUE: connector=contoso-in verdict=pass "), 1,
            "queue id: a transaction that ends unqueued is NOQUEUE");
    policy_txn_end(&txn);
    TAP_INT(logged_lines("NOQUEUE: connector=contoso-in verdict=pass "), 2,
            "queue id: the end of the connection lets the rest out");
    log_set_sink(NULL);
}

/* A reload in mid-transaction: the remembered sender verdict belongs to
 * the old rules, so the new ones decide again. */
static void test_reload_mid_transaction(const struct ft_conf *conf)
{
    struct ft_policy_txn txn = { .instance = "" };
    struct ft_conf *relaxed = fixture_conf(
        "connector contoso-in {\n direction = inbound\n mode = monitor\n"
        " sender_domains = { \"contoso.example\" }\n}\n");
    const char *first = "protocol_state=RCPT\ninstance=9.9.0\n"
        "sender=a@contoso.example\nrecipient=u1@test.example\n" CLIENT_IN;
    const char *second = "protocol_state=RCPT\ninstance=9.9.0\n"
        "sender=a@contoso.example\nrecipient=u2@test.example\n" CLIENT_IN;

    expect_answer(conf, &txn, first, "550 5.7.0 connector contoso-in: no TLS "
                  "(STARTTLS is required)", "reload: old rules refuse");
    expect_answer(relaxed, &txn, second, "DUNNO",
                  "reload: the same transaction is decided by the new rules");
    policy_txn_end(&txn);
    conf_unref(relaxed);
}

/* The sender's connectors are found once per transaction, under one
 * configuration: after a reload they are found again under the new one,
 * whose connectors may stand in another order. */
static void test_reload_sender_set(const struct ft_conf *conf)
{
    struct ft_policy_txn txn = { .instance = "" };
    struct ft_conf *paired = fixture_conf(
        "connector pair {\n direction = inbound\n"
        " sender_domains = { \"tailspin.example\" }\n"
        " recipient_domains = { \"test.example\" }\n}\n"
        "connector tailspin-in {\n direction = inbound\n mode = monitor\n"
        " sender_domains = { \"tailspin.example\" }\n}\n");
    const char *first = "protocol_state=RCPT\ninstance=9.8.0\n"
        "sender=a@tailspin.example\nrecipient=u1@test.example\n" CLIENT_IN;
    const char *second = "protocol_state=RCPT\ninstance=9.8.0\n"
        "sender=a@tailspin.example\nrecipient=u2@test.example\n" CLIENT_IN;

    log_set_sink(capture);
    expect_answer(conf, &txn, first, "DUNNO",
                  "reload: the sender's set under the old rules");
    expect_answer(paired, &txn, second, "550 5.7.0 connector pair: no TLS "
                  "(STARTTLS is required)",
                  "reload: the sender's set found again under the new rules");
    policy_txn_end(&txn);
    log_set_sink(NULL);
    conf_unref(paired);
}

struct map_case {
    const char *name, *query, *want;
};

static const struct map_case maps[] = {
    { "map: covered domain", "forcetls contoso.example",
      "OK encrypt protocols=!SSLv2:!SSLv3:!TLSv1:!TLSv1.1" },
    { "map: unknown domain", "forcetls fabrikam.example", "NOTFOUND " },
    { "map: next hop", "forcetls [contoso.example]:25", "NOTFOUND " },
    { "map: inbound connector's domain", "forcetls secure.test.example",
      "NOTFOUND " },
    { "map: unknown map name", "other contoso.example",
      "PERM unknown map other; this server answers forcetls" },
    { "map: no key", "forcetls", "PERM malformed query: want \"NAME KEY\"" },
    { "map: empty name", " contoso.example",
      "PERM malformed query: want \"NAME KEY\"" },
    { "map: control byte in key", "forcetls con\ttoso.example",
      "PERM malformed query" },
};

static void test_map(const struct ft_conf *conf)
{
    char out[TLSMAP_REPLY_MAX];

    for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
        size_t n = tlsmap_answer(conf, maps[i].query, strlen(maps[i].query),
                                 out, sizeof(out));

        out[n] = '\0';
        TAP_STR(out, maps[i].want, maps[i].name);
    }
}

/* A policy that cannot be written exactly is TEMP, never a weaker one.
 * The schema may refuse such a name one day, so it is made in memory. */
static void test_map_temp(struct ft_conf *conf)
{
    struct ft_connector *c = NULL;
    char *names[] = { "mx two.example" };
    struct ft_strv saved;
    char out[TLSMAP_REPLY_MAX];
    size_t n;

    for (size_t i = 0; i < conf->nconnectors; i++)
        if (strcmp(conf->connectors[i].name, "contoso-out") == 0)
            c = &conf->connectors[i];
    saved = c->cert_names;
    c->cert_names.v = names;
    c->cert_names.n = 1;
    n = tlsmap_answer(conf, "forcetls contoso.example", 24, out, sizeof(out));
    out[n] = '\0';
    TAP_STR(out, "TEMP connector contoso-out: policy cannot be rendered",
            "map: unrenderable policy is TEMP");
    c->cert_names = saved;
}

static int trusted_lines, warning_lines;

static void count_trusted(int prio, const char *label, const char *line)
{
    (void)prio;
    trusted_lines += strncmp(line, "trusted client ", 15) == 0;
    warning_lines += label != NULL && strcmp(label, "warning") == 0;
}

/* trusted_clients: DUNNO whatever the TLS, one line per SMTP connection
 * (client address and port), as the milter writes it. */
static void test_trusted(const struct ft_conf *conf)
{
    struct ft_policy_txn txn = { .instance = "" };
    const char *first = RCPT("a@contoso.example")
        "client_address=192.0.2.200\nclient_port=40001\nclient_name=filter\n";
    const char *again = "protocol_state=RCPT\nsender=a@contoso.example\n"
        "recipient=u2@test.example\nclient_address=192.0.2.200\n"
        "client_port=40001\nclient_name=filter\n";
    const char *next = RCPT("a@contoso.example")
        "client_address=192.0.2.200\nclient_port=40002\nclient_name=filter\n";
    const char *other = RCPT("a@contoso.example")
        "client_address=192.0.2.201\nclient_port=40003\nclient_name=mx\n";
    /* The README's smtpd_end_of_data_restrictions ask again at the end. */
    const char *eom = "protocol_state=END-OF-MESSAGE\ninstance=7.1.0\n"
        "queue_id=4ZxYw1abcE\nsender=a@contoso.example\nrecipient=\n"
        "client_address=192.0.2.200\nclient_port=40002\nclient_name=filter\n";

    log_set_sink(count_trusted);
    expect_answer(conf, &txn, first, "DUNNO",
                  "trusted client: plaintext partner mail passes");
    expect_answer(conf, &txn, again, "DUNNO",
                  "trusted client: next recipient, same connection");
    TAP_OK(trusted_lines == 1, "trusted client: one line per connection",
           "got %d lines", trusted_lines);
    expect_answer(conf, &txn, next, "DUNNO",
                  "trusted client: its next connection");
    TAP_OK(trusted_lines == 2, "trusted client: a new connection, a new line",
           "got %d lines", trusted_lines);
    expect_answer(conf, &txn, eom, "DUNNO",
                  "trusted client: its end-of-data request");
    TAP_OK(trusted_lines == 2 && warning_lines == 0,
           "trusted client: end of data, no new line and no placement warning",
           "got %d trusted lines, %d warnings", trusted_lines, warning_lines);
    expect_answer(conf, &txn, other,
                  "550 5.7.0 connector contoso-in: no TLS (STARTTLS is "
                  "required)",
                  "next to a trusted client: judged");
    TAP_OK(trusted_lines == 2, "a judged client writes no trusted line",
           "got %d lines", trusted_lines);
    policy_txn_end(&txn);
    log_set_sink(NULL);
}

int main(void)
{
    struct ft_conf *conf = fixture_conf(conf_text);

    test_trusted(conf);
    test_cases(conf);
    test_transactions(conf);
    test_short_buffer(conf);
    test_queue_id(conf);
    test_reload_mid_transaction(conf);
    test_reload_sender_set(conf);
    test_map(conf);
    test_map_temp(conf);
    conf_unref(conf);
    return tap_done();
}
