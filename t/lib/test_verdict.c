/* test_verdict.c - the verdict log line and SMTP replies, against literal
 * text: the line is an interface that scripts parse. */
#include <string.h>

#include "tap.h"
#include "verdict.h"

static struct ft_connector conn(const char *name, enum ft_mode mode,
                                enum ft_action action, char *reply_text)
{
    struct ft_connector c = { 0 };

    c.name = (char *)name;
    c.mode = mode;
    c.action = action;
    c.reply_text = reply_text;
    return c;
}

/* The DESIGN example up to the fingerprints. */
#define DESIGN_LINE_HEAD \
    "NOQUEUE: connector=contoso-in verdict=reject " \
    "reason=\"TLS version TLSv1.1 below TLSv1.2\" stage=mail " \
    "client=mx.contoso.com[203.0.113.5] sender=<a@contoso.com> " \
    "recipient=<> tls=TLSv1.1 cipher=ECDHE-RSA-AES256-SHA bits=256 " \
    "cert_subject=mx.contoso.com cert_issuer=\"Contoso CA\" "

static void test_lines(void)
{
    struct ft_connector c = conn("contoso-in", FT_MODE_ENFORCE,
                                 FT_ACTION_REJECT, NULL);
    struct ft_result r = { FT_FAIL_PROTOCOL, "TLS version TLSv1.1 below TLSv1.2" };
    struct ft_client client;
    struct ft_tls tls;
    struct ft_logctx lc = { NULL, FT_STAGE_MAIL, &client, "a@contoso.com",
                            NULL, &tls };
    char line[2048];

    client_set(&client, "mx.contoso.com", "203.0.113.5");
    tlsfacts_clear(&tls);
    tlsfacts_set_version(&tls, "TLSv1.1");
    tlsfacts_set_cipher(&tls, "ECDHE-RSA-AES256-SHA");
    tlsfacts_set_bits(&tls, "256");
    tlsfacts_set_cert(&tls, true, "mx.contoso.com", "Contoso CA");
    verdict_format(line, sizeof(line), &c, FT_VERDICT_REJECT, &r, &lc);
    TAP_STR(line, DESIGN_LINE_HEAD
            "cert_fp=\"\" pkey_fp=\"\" mode=enforce",
            "design example line (milter: no fingerprints)");

    tlsfacts_set_fingerprints(&tls, "sha256:0a:1b:2c:3d:4e:5f:60:71:82:93:"
                              "a4:b5:c6:d7:e8:f9:0a:1b:2c:3d:4e:5f:60:71:82:93:"
                              "a4:b5:c6:d7:e8:f9", "FFEEDDCCBBAA99887766554433"
                              "221100FFEEDDCCBBAA99887766554433221100");
    verdict_format(line, sizeof(line), &c, FT_VERDICT_REJECT, &r, &lc);
    TAP_STR(line, DESIGN_LINE_HEAD
            "cert_fp=0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:"
            "2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9 "
            "pkey_fp=FF:EE:DD:CC:BB:AA:99:88:77:66:55:44:33:22:11:00:FF:EE:"
            "DD:CC:BB:AA:99:88:77:66:55:44:33:22:11:00 mode=enforce",
            "policy service line: fingerprints normalized");

    lc.queue_id = "4ZxYw1abcD";
    lc.stage = FT_STAGE_RCPT;
    lc.recipient = "b@example.net";
    verdict_format(line, sizeof(line), &c, FT_VERDICT_REJECT, &r, &lc);
    TAP_OK(strncmp(line, "4ZxYw1abcD: connector=", 22) == 0
           && strstr(line, " stage=rcpt ") != NULL
           && strstr(line, " recipient=<b@example.net> ") != NULL,
           "queue id, rcpt stage and recipient", "got %s", line);

    tlsfacts_clear(&tls);
    lc.queue_id = "";
    lc.sender = "";
    strcpy(r.reason, "no TLS (STARTTLS is required)");
    verdict_format(line, sizeof(line), &c, FT_VERDICT_REJECT, &r, &lc);
    TAP_OK(strstr(line, "NOQUEUE: ") == line
           && strstr(line, " sender=<> ") != NULL
           && strstr(line, " tls=none cipher=\"\" bits=0 cert_subject=\"\" "
                     "cert_issuer=\"\" cert_fp=\"\" pkey_fp=\"\" "
                     "mode=enforce") != NULL,
           "no TLS, null sender", "got %s", line);
}

/* How many times key appears as a key when line is split the way a
 * parser must: bare values end at a space, quoted ones at an unescaped
 * quote. */
static int count_key(const char *line, const char *key)
{
    const char *p = strchr(line, ' ');
    size_t klen = strlen(key);
    int n = 0;

    while (p != NULL && *p == ' ') {
        const char *eq = strchr(++p, '=');
        if (eq == NULL)
            break;
        if ((size_t)(eq - p) == klen && strncmp(p, key, klen) == 0)
            n++;
        p = eq + 1;
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1] != '\0')
                    p++;
            p += *p != '\0';
        } else {
            p += strcspn(p, " ");
        }
    }
    return n;
}

static void test_escaping(void)
{
    struct ft_connector c = conn("x", FT_MODE_MONITOR, FT_ACTION_REJECT, NULL);
    struct ft_result r = { FT_FAIL_CERTIFICATE, "name" };
    struct ft_client client;
    struct ft_tls tls;
    struct ft_logctx lc = { NULL, FT_STAGE_MAIL, &client,
                            "\"a b\" verdict=pass\"@x.com", NULL, &tls };
    char line[2048];

    client_set(&client, "unknown", "127.0.0.1");
    tlsfacts_clear(&tls);
    tlsfacts_set_version(&tls, "TLSv1.3");
    tlsfacts_set_cert(&tls, true, "evil\" verdict=pass", "a\\b");
    verdict_format(line, sizeof(line), &c, FT_VERDICT_MONITOR, &r, &lc);
    TAP_OK(strstr(line, " sender=\"<\\\"a b\\\" verdict=pass\\\"@x.com>\" ")
           != NULL, "quotes and spaces in the sender are escaped",
           "got %s", line);
    TAP_OK(strstr(line, " cert_subject=\"evil\\\" verdict=pass\" ") != NULL
           && strstr(line, " cert_issuer=\"a\\\\b\" ") != NULL,
           "quotes and backslashes in certificate names", "got %s", line);
    TAP_INT(count_key(line, "verdict"), 1,
            "no value forges a second verdict key");

    lc.sender = "a\nverdict=pass@x.com";
    verdict_format(line, sizeof(line), &c, FT_VERDICT_MONITOR, &r, &lc);
    TAP_OK(strstr(line, "sender=\"<a\\x0Averdict=pass@x.com>\"") != NULL
           && strchr(line, '\n') == NULL, "control bytes as \\xNN",
           "got %s", line);
}

static void test_truncation(void)
{
    struct ft_connector c = conn("x", FT_MODE_ENFORCE, FT_ACTION_REJECT, NULL);
    struct ft_result r = { FT_FAIL_NONE, "all requirements met" };
    struct ft_client client;
    struct ft_tls tls;
    struct ft_logctx lc = { NULL, FT_STAGE_MAIL, &client, "a@b.c", NULL,
                            &tls };
    char small[32];
    size_t n;

    client_set(&client, "unknown", "127.0.0.1");
    tlsfacts_clear(&tls);
    n = verdict_format(small, sizeof(small), &c, FT_VERDICT_PASS, &r, &lc);
    TAP_OK(n >= sizeof(small) && strlen(small) == sizeof(small) - 1,
           "short buffer: truncated, NUL-terminated, full length returned",
           "n=%zu len=%zu", n, strlen(small));
}

struct reply_case {
    const char *name;
    enum ft_failure failure;
    enum ft_action action;
    const char *code, *xcode;
};

static void test_replies(void)
{
    static const struct reply_case cases[] = {
        { "no TLS reject", FT_FAIL_NO_TLS, FT_ACTION_REJECT, "550", "5.7.0" },
        { "no TLS defer", FT_FAIL_NO_TLS, FT_ACTION_DEFER, "450", "4.7.0" },
        { "protocol reject", FT_FAIL_PROTOCOL, FT_ACTION_REJECT, "550",
          "5.7.0" },
        { "protocol defer", FT_FAIL_PROTOCOL, FT_ACTION_DEFER, "450", "4.7.0" },
        { "certificate reject", FT_FAIL_CERTIFICATE, FT_ACTION_REJECT, "550",
          "5.7.5" },
        { "certificate defer", FT_FAIL_CERTIFICATE, FT_ACTION_DEFER, "450",
          "4.7.5" },
        { "client address reject", FT_FAIL_CLIENT_ADDRESS, FT_ACTION_REJECT,
          "550", "5.7.1" },
        { "client address defer", FT_FAIL_CLIENT_ADDRESS, FT_ACTION_DEFER,
          "450", "4.7.1" },
        { "internal trouble", FT_FAIL_INTERNAL, FT_ACTION_REJECT, "451",
          "4.3.5" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct reply_case *k = &cases[i];
        struct ft_connector c = conn("p", FT_MODE_ENFORCE, k->action, NULL);
        struct ft_result r = { k->failure, "why" };
        struct ft_reply reply;
        enum ft_verdict v = verdict_of(&c, &r);

        verdict_reply(&c, &r, v, &reply);
        TAP_OK(strcmp(reply.code, k->code) == 0
               && strcmp(reply.xcode, k->xcode) == 0
               && reply.xcode[0] == reply.code[0], k->name,
               "got %s %s, want %s %s", reply.code, reply.xcode, k->code,
               k->xcode);
    }
}

static void test_texts(void)
{
    struct ft_connector c = conn("contoso-in", FT_MODE_ENFORCE,
                                 FT_ACTION_REJECT, NULL);
    struct ft_result r = { FT_FAIL_NO_TLS, "no TLS (STARTTLS is required)" };
    struct ft_reply reply;

    verdict_reply(&c, &r, FT_VERDICT_REJECT, &reply);
    TAP_STR(reply.text, "connector contoso-in: no TLS (STARTTLS is required)",
            "default text names connector and requirement");
    c.reply_text = "Mail from contoso.com must arrive over verified TLS";
    verdict_reply(&c, &r, FT_VERDICT_REJECT, &reply);
    TAP_STR(reply.text, "Mail from contoso.com must arrive over verified TLS "
            "(connector contoso-in: no TLS (STARTTLS is required))",
            "reply_text comes first");
    c.mode = FT_MODE_MONITOR;
    TAP_INT(verdict_of(&c, &r), FT_VERDICT_MONITOR, "monitor mode");
    r.failure = FT_FAIL_NONE;
    TAP_INT(verdict_of(&c, &r), FT_VERDICT_PASS, "pass");
}

int main(void)
{
    test_lines();
    test_escaping();
    test_truncation();
    test_replies();
    test_texts();
    return tap_done();
}
