/* test_logparse.c - the verdict line parser reads back exactly what
 * verdict_format() writes, tricky values included, and refuses lines
 * that are not verdict lines or that a value could have forged; Postfix's
 * SMTP client lines give each delivery the TLS session of its process,
 * remembered for the last PFLOG_SESSIONS processes. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "logparse.h"
#include "pflog.h"
#include "tap.h"
#include "verdict.h"

struct round_case {
    const char *name;
    const char *queue_id;
    const char *reason, *sender, *subject, *issuer, *cipher;
    const char *cert_fp, *pkey_fp;
};

static const struct round_case round_cases[] = {
    { "plain values", NULL, "all requirements met", "a@contoso.example",
      "mail.contoso.example", "Contoso CA", "TLS_AES_256_GCM_SHA384",
      NULL, NULL },
    { "fingerprints", "4F2A81C3D", "all requirements met", "a@b.example",
      "mail.b.example", "B CA", "X", "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:"
      "23:45:67:89", "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF" },
    { "queue id", "4F2A81C3D", "no TLS", "a@b.example", "", "", "" },
    { "quote and backslash", NULL, "name \"x\\y\"", "a@b.example",
      "odd\\name\"", "CA \"1\"", "X" },
    { "control bytes", NULL, "line\nbreak\ttab\x7f", "a@b.example",
      "cr\rhere", "esc\x1b", "X" },
    { "a value that looks like a key", NULL, "x verdict=pass y",
      "a@b.example", "mode=monitor", "connector=evil", "X" },
    { "null sender", NULL, "no TLS", "", "", "", "" },
    { "UTF-8", NULL, "certificate name M\xc3\xbcller is not listed",
      "a@b.example", "M\xc3\xbcller", "CA", "X" },
};

static void round_trip(const struct round_case *tc)
{
    struct ft_connector c = { 0 };
    struct ft_result r = { FT_FAIL_PROTOCOL, "" };
    struct ft_tls tls;
    struct ft_client client;
    struct verdict_line v;
    char line[4096];
    bool ok;

    c.name = "contoso-in";
    c.mode = FT_MODE_MONITOR;
    snprintf(r.reason, sizeof(r.reason), "%s", tc->reason);
    tlsfacts_clear(&tls);
    tls.encrypted = true;
    snprintf(tls.version_text, sizeof(tls.version_text), "TLSv1.2");
    snprintf(tls.cipher, sizeof(tls.cipher), "%s", tc->cipher);
    snprintf(tls.cert_subject, sizeof(tls.cert_subject), "%s", tc->subject);
    snprintf(tls.cert_issuer, sizeof(tls.cert_issuer), "%s", tc->issuer);
    if (tc->cert_fp != NULL)
        tlsfacts_set_fingerprints(&tls, tc->cert_fp, tc->pkey_fp);
    tls.bits = 128;
    client_set(&client, "mx.contoso.example", "192.0.2.1");
    struct ft_logctx lc = { tc->queue_id, FT_STAGE_RCPT, &client, tc->sender,
                            "u@test.example", &tls };
    verdict_format(line, sizeof(line), &c, FT_VERDICT_MONITOR, &r, &lc);
    ok = logparse_verdict(line, &v);
    TAP_OK(ok, tc->name, "not parsed: %s", line);
    if (!ok)
        return;
    TAP_STR(v.queue_id, tc->queue_id ? tc->queue_id : "", tc->name);
    TAP_STR(v.reason, tc->reason, tc->name);
    TAP_STR(v.cert_subject, tc->subject, tc->name);
    TAP_STR(v.cert_issuer, tc->issuer, tc->name);
    TAP_STR(v.cipher, tc->cipher, tc->name);
    TAP_STR(v.cert_fp, tc->cert_fp ? tc->cert_fp : "", tc->name);
    TAP_STR(v.pkey_fp, tc->pkey_fp ? tc->pkey_fp : "", tc->name);
    TAP_STR(v.verdict, "monitor", tc->name);
    TAP_STR(v.mode, "monitor", tc->name);
    TAP_STR(v.stage, "rcpt", tc->name);
    TAP_STR(v.bits, "128", tc->name);
    TAP_STR(v.client, "mx.contoso.example[192.0.2.1]", tc->name);
    {
        char want[300];
        snprintf(want, sizeof(want), "<%s>", tc->sender);
        TAP_STR(v.sender, want, tc->name);
    }
}

struct bad_case {
    const char *name, *text;
};

#define TAIL "stage=mail client=x[1.2.3.4] sender=<a@b> recipient=<> " \
    "tls=none cipher=\"\" bits=0 cert_subject=\"\" cert_issuer=\"\" "

static const struct bad_case bad_cases[] = {
    { "not a verdict line", "warning: something else" },
    { "no queue id", "connector=a verdict=pass reason=x " TAIL "mode=enforce" },
    { "missing mode", "NOQUEUE: connector=a verdict=pass reason=x " TAIL },
    { "repeated key", "NOQUEUE: connector=a verdict=pass verdict=reject "
      "reason=x " TAIL "mode=enforce" },
    { "unterminated quote", "NOQUEUE: connector=a verdict=pass "
      "reason=\"x " TAIL "mode=enforce" },
    { "bad escape", "NOQUEUE: connector=a verdict=pass reason=\"\\q\" "
      TAIL "mode=enforce" },
    { "'=' in a bare value", "NOQUEUE: connector=a=b verdict=pass reason=x "
      TAIL "mode=enforce" },
    { "junk after a quote", "NOQUEUE: connector=a verdict=pass "
      "reason=\"x\"y " TAIL "mode=enforce" },
    /* Found by fuzz_logline: verdict_format() writes "" for an empty
     * value, so a bare empty one is no verdict line of ours. */
    { "empty bare value", "NOQUEUE: connector= status=x verdict=monitor "
      "reason=x " TAIL "mode=enforce" },
};

/* One smtp(8) line: host, pid, text. */
struct pf_line {
    const char *host;
    long pid;
    const char *text;
};

#define TLS_TO(v) "Verified TLS connection established to " \
    "mx.b.example[192.0.2.1]:25: " v " with cipher TLS_AES_256_GCM_SHA384 " \
    "(256/256 bits)"
#define SENT_VIA(relay) "4F2A81C3D: to=<a@b.example>, relay=" relay \
    ", delay=1, status=sent (250 ok)"
#define SENT SENT_VIA("mx.b.example[192.0.2.1]:25")

/* The lines fed in order; the last is a delivery, which must go over
 * want ("" for no TLS line). */
struct pf_case {
    const char *name;
    struct pf_line lines[4];
    const char *want;
};

static const struct pf_case pf_cases[] = {
    { "deliveries: over the TLS session of their process",
      { { "mx1", 100, TLS_TO("TLSv1.3") }, { "mx1", 100, SENT } },
      "TLSv1.3" },
    { "deliveries: another process's session is not theirs",
      { { "mx1", 100, TLS_TO("TLSv1.3") }, { "mx1", 101, SENT } }, "" },
    { "deliveries: nor another host's process of that pid",
      { { "mx1", 100, TLS_TO("TLSv1.3") }, { "mx2", 100, SENT } }, "" },
    { "deliveries: nor one over another relay",
      { { "mx1", 100, TLS_TO("TLSv1.3") },
        { "mx1", 100, SENT_VIA("mx2.b.example[192.0.2.2]:25") } }, "" },
    { "deliveries: the process's latest session counts",
      { { "mx1", 100, TLS_TO("TLSv1.2") }, { "mx1", 100, TLS_TO("TLSv1.3") },
        { "mx1", 100, SENT } }, "TLSv1.3" },
    { "deliveries: each process keeps its own",
      { { "mx1", 100, TLS_TO("TLSv1.2") }, { "mx1", 101, TLS_TO("TLSv1.3") },
        { "mx2", 100, TLS_TO("TLSv1.3") }, { "mx1", 100, SENT } },
      "TLSv1.2" },
};

static enum pf_kind pf_feed(struct pflog *pl, const char *host, long pid,
                            const char *text, struct pf_delivery *d)
{
    struct log_line ll = { .pid = pid, .text = text };

    snprintf(ll.host, sizeof(ll.host), "%s", host);
    snprintf(ll.prog, sizeof(ll.prog), "postfix/smtp");
    return pflog_feed(pl, &ll, d);
}

static void pf_case(const struct pf_case *c)
{
    struct pflog *pl = pflog_new();
    struct pf_delivery d = { 0 };
    enum pf_kind k = PF_OTHER;

    for (size_t i = 0; pl != NULL && i < 4 && c->lines[i].text != NULL; i++)
        k = pf_feed(pl, c->lines[i].host, c->lines[i].pid, c->lines[i].text,
                    &d);
    TAP_OK(k == PF_DELIVERY && strcmp(d.tls.version, c->want) == 0
               && d.tls.encrypted == (c->want[0] != '\0'),
           c->name, "got kind %d over \"%s\", want a delivery over \"%s\"",
           (int)k, d.tls.version, c->want);
    pflog_free(pl);
}

/* Process 1 tells its TLS session, then `others` processes theirs (each
 * twice, when twice is set), then process 1 delivers: over that session? */
static bool pf_remembered(long others, bool twice)
{
    struct pflog *pl = pflog_new();
    struct pf_delivery d = { 0 };

    if (pl == NULL)
        return false;
    pf_feed(pl, "mx1", 1, TLS_TO("TLSv1.3"), &d);
    for (long i = 0; i < others; i++) {
        pf_feed(pl, "mx1", 2 + i, TLS_TO("TLSv1.2"), &d);
        if (twice)
            pf_feed(pl, "mx1", 2 + i, TLS_TO("TLSv1.2"), &d);
    }
    pf_feed(pl, "mx1", 1, SENT, &d);
    pflog_free(pl);
    return strcmp(d.tls.version, "TLSv1.3") == 0;
}

static void test_pflog(void)
{
    struct pflog *pl = pflog_new();
    struct pf_delivery d;

    for (size_t i = 0; i < sizeof(pf_cases) / sizeof(pf_cases[0]); i++)
        pf_case(&pf_cases[i]);
    TAP_OK(pl != NULL
               && pf_feed(pl, "mx1", 1, TLS_TO("TLSv1.3"), &d) == PF_TLS
               && pf_feed(pl, "mx1", 1, "connect to mx.b.example", &d)
                      == PF_OTHER,
           "sessions: TLS lines told apart from others", "wrong kind");
    pflog_free(pl);
    TAP_OK(pf_remembered(PFLOG_SESSIONS - 1, false),
           "sessions: the last PFLOG_SESSIONS processes are remembered",
           "forgotten");
    TAP_OK(!pf_remembered(PFLOG_SESSIONS, false),
           "sessions: the process seen first makes room", "still there");
    TAP_OK(pf_remembered(PFLOG_SESSIONS - 1, true),
           "sessions: a process told again takes no second place",
           "forgotten");
}

int main(void)
{
    struct verdict_line v;

    for (size_t i = 0; i < sizeof(round_cases) / sizeof(round_cases[0]); i++)
        round_trip(&round_cases[i]);
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++)
        TAP_OK(!logparse_verdict(bad_cases[i].text, &v), bad_cases[i].name,
               "parsed: %s", bad_cases[i].text);
    TAP_OK(logparse_verdict("NOQUEUE: connector=a verdict=pass reason=x "
                            TAIL "mode=enforce later=\"key\"", &v),
           "a key a later version adds is skipped", "not parsed");
    /* TAIL is a line of a version without cert_fp and pkey_fp. */
    TAP_OK(logparse_verdict("NOQUEUE: connector=a verdict=pass reason=x "
                            TAIL "mode=enforce", &v)
           && v.cert_fp[0] == '\0' && v.pkey_fp[0] == '\0',
           "a line without fingerprints (older versions) reads", "not parsed");
    TAP_OK(!logparse_verdict("NOQUEUE: connector=a verdict=pass reason=x "
                             TAIL "cert_fp=AB cert_fp=CD mode=enforce", &v),
           "a repeated optional key is refused", "parsed");
    test_pflog();
    return tap_done();
}
