/* cmd_test.c - forcetls test: a dry run of one SMTP transaction through the
 * same lib/ calls as the daemons (decide_mail, decide_rcpt,
 * decision_refuses, verdict_format), so its verdicts, replies and log
 * lines are theirs. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "decide.h"
#include "tool.h"
#include "trusted.h"

#define SYNOPSIS "[-c FILE] --sender ADDR [--recipient ADDR]... " \
    "[--client-address IP] [--client-name NAME] [--tls-version V] " \
    "[--cipher NAME] [--cipher-bits N] [--cert-subject CN] " \
    "[--cert-issuer CN] [--cert-fingerprint FP] [--pkey-fingerprint FP]"

struct test_opts {
    const char *conf_path;
    const char *sender;
    const char **rcpts;
    size_t nrcpts;
    const char *client_addr, *client_name;
    const char *version, *cipher, *bits;
    const char *subject, *issuer;
    const char *cert_fp, *pkey_fp;
};

enum {
    OPT_SENDER = 256, OPT_RECIPIENT, OPT_CLIENT_ADDRESS, OPT_CLIENT_NAME,
    OPT_TLS_VERSION, OPT_CIPHER, OPT_CIPHER_BITS, OPT_CERT_SUBJECT,
    OPT_CERT_ISSUER, OPT_CERT_FP, OPT_PKEY_FP,
};

static const struct option long_opts[] = {
    { "sender", required_argument, NULL, OPT_SENDER },
    { "recipient", required_argument, NULL, OPT_RECIPIENT },
    { "client-address", required_argument, NULL, OPT_CLIENT_ADDRESS },
    { "client-name", required_argument, NULL, OPT_CLIENT_NAME },
    { "tls-version", required_argument, NULL, OPT_TLS_VERSION },
    { "cipher", required_argument, NULL, OPT_CIPHER },
    { "cipher-bits", required_argument, NULL, OPT_CIPHER_BITS },
    { "cert-subject", required_argument, NULL, OPT_CERT_SUBJECT },
    { "cert-issuer", required_argument, NULL, OPT_CERT_ISSUER },
    { "cert-fingerprint", required_argument, NULL, OPT_CERT_FP },
    { "pkey-fingerprint", required_argument, NULL, OPT_PKEY_FP },
    TOOL_HELP_OPTION,
    { NULL, 0, NULL, 0 },
};

static int add_rcpt(struct test_opts *o, const char *addr)
{
    const char **v = realloc(o->rcpts, (o->nrcpts + 1) * sizeof(*v));

    if (v == NULL)
        return -1;
    v[o->nrcpts++] = addr;
    o->rcpts = v;
    return 0;
}

static int parse_args(int argc, char **argv, struct test_opts *o)
{
    const char **slot[] = {
        [OPT_SENDER - OPT_SENDER] = &o->sender,
        [OPT_CLIENT_ADDRESS - OPT_SENDER] = &o->client_addr,
        [OPT_CLIENT_NAME - OPT_SENDER] = &o->client_name,
        [OPT_TLS_VERSION - OPT_SENDER] = &o->version,
        [OPT_CIPHER - OPT_SENDER] = &o->cipher,
        [OPT_CIPHER_BITS - OPT_SENDER] = &o->bits,
        [OPT_CERT_SUBJECT - OPT_SENDER] = &o->subject,
        [OPT_CERT_ISSUER - OPT_SENDER] = &o->issuer,
        [OPT_CERT_FP - OPT_SENDER] = &o->cert_fp,
        [OPT_PKEY_FP - OPT_SENDER] = &o->pkey_fp,
    };
    int ch;

    o->conf_path = CONF_DEFAULT_PATH;
    while ((ch = getopt_long(argc, argv, "c:", long_opts, NULL)) != -1) {
        if (ch == 'c')
            o->conf_path = optarg;
        else if (ch == OPT_RECIPIENT) {
            if (add_rcpt(o, optarg) != 0)
                return tool_usage("test", SYNOPSIS, "out of memory");
        } else if (ch >= OPT_SENDER && ch <= OPT_PKEY_FP)
            *slot[ch - OPT_SENDER] = optarg;
        else if (ch == TOOL_OPT_HELP)
            return tool_help("test", SYNOPSIS);
        else
            return tool_usage("test", SYNOPSIS, NULL);
    }
    if (optind != argc)
        return tool_usage("test", SYNOPSIS, "unexpected argument \"%s\"",
                          argv[optind]);
    if (o->sender == NULL)
        return tool_usage("test", SYNOPSIS, "--sender is required (use "
                          "--sender '<>' for the null sender)");
    if (o->version == NULL && (o->cipher || o->bits || o->subject
                               || o->issuer || o->cert_fp || o->pkey_fp))
        return tool_usage("test", SYNOPSIS, "TLS details need --tls-version; "
                          "without it the session is plaintext");
    return EX_OK;
}

/* The facts as the daemons would hold them. Postfix defines the
 * certificate macros only for a verified certificate, so giving a subject
 * or an issuer means "verified"; fingerprints come only from policy
 * delegation, so giving one means "as forcetls-policyd sees it". */
static int build_facts(const struct test_opts *o, struct ft_tls *tls)
{
    const char *bad = NULL;

    tlsfacts_clear(tls);
    if (o->version == NULL)
        return 0;
    if (!tlsfacts_set_version(tls, o->version)
        || !tlsfacts_set_cipher(tls, o->cipher)
        || ((o->subject || o->issuer)
            && !tlsfacts_set_cert(tls, true, o->subject, o->issuer)))
        bad = "a TLS or certificate value has a control character or is "
              "too long";
    else if (!tlsfacts_set_bits(tls, o->bits))
        bad = "--cipher-bits: want a number such as 256";
    else if ((o->cert_fp || o->pkey_fp)
             && !tlsfacts_set_fingerprints(tls, o->cert_fp, o->pkey_fp))
        bad = "--cert-fingerprint/--pkey-fingerprint: want a hex digest "
              "such as \"SHA256:AB:CD:...\" (16, 20, 32 or 64 bytes)";
    if (bad == NULL)
        return 0;
    fprintf(stderr, TOOL_NAME " test: %s\n", bad);
    return -1;
}

/* "<a@b>" -> "a@b", as the milter strips what Postfix brackets. */
static const char *strip(const char *arg, char *buf, size_t len)
{
    size_t n = strlen(arg);

    if (n >= 2 && arg[0] == '<' && arg[n - 1] == '>' && n - 1 <= len) {
        memcpy(buf, arg + 1, n - 2);
        buf[n - 2] = '\0';
        return buf;
    }
    return arg;
}

struct txn {
    const struct ft_conf *conf;
    const struct ft_tls *tls;
    const struct ft_client *client;
    const char *sender;
};

static void show_outcome(const struct txn *t, const struct ft_outcome *o,
                         enum ft_stage stage, const char *recipient)
{
    char line[4096];
    struct ft_logctx lc = {
        .queue_id = NULL,
        .stage = stage,
        .client = t->client,
        .sender = t->sender,
        .recipient = recipient,
        .tls = t->tls,
    };

    printf("  connector %s (%s): %s: %s\n", o->connector->name,
           mode_name(o->connector->mode), verdict_name(o->verdict),
           o->result.reason);
    if (o->verdict == FT_VERDICT_PASS && !t->conf->log_passes) {
        printf("    log: none (log_passes = false)\n");
        return;
    }
    verdict_format(line, sizeof(line), o->connector, o->verdict, &o->result,
                   &lc);
    printf("    log: %s\n", line);
}

/* Print one stage's decision; true when the command is refused. */
static bool show_decision(const struct txn *t, const struct ft_decision *d,
                          enum ft_stage stage, const char *recipient)
{
    struct ft_reply reply;

    if (d->n == 0)
        printf("  no connector applies\n");
    for (size_t i = 0; i < d->n; i++)
        show_outcome(t, &d->items[i], stage, recipient);
    if (!decision_refuses(d, &reply)) {
        printf("  reply: accepted by forcetls\n");
        return false;
    }
    printf("  reply: %s %s %s\n", reply.code, reply.xcode, reply.text);
    return true;
}

/* MAIL FROM's decision, then each RCPT TO, for the sender's connectors;
 * returns how many commands were refused, or -1 on internal trouble. */
static int run_commands(const struct txn *t, const struct test_opts *o,
                        const struct ft_sender_set *senders)
{
    struct ft_decision d;
    char buf[1024];
    bool refused;
    int nrefused = 0;

    if (decide_mail(t->conf, t->tls, t->client, senders, &d) != 0) {
        decision_free(&d);
        return -1;
    }
    refused = show_decision(t, &d, FT_STAGE_MAIL, NULL);
    decision_free(&d);
    if (refused)
        return o->nrcpts > 0 ? (int)o->nrcpts : 1;
    for (size_t i = 0; i < o->nrcpts; i++) {
        const char *rcpt = strip(o->rcpts[i], buf, sizeof(buf));

        printf("RCPT TO:<%s>\n", rcpt);
        if (decide_rcpt(t->conf, t->tls, t->client, senders, rcpt, &d) != 0) {
            decision_free(&d);
            return -1;
        }
        nrefused += show_decision(t, &d, FT_STAGE_RCPT, rcpt);
        decision_free(&d);
    }
    return nrefused;
}

/* The transaction as the daemons see it: a trusted client is not judged,
 * and the sender's connectors are found once for all its commands. */
static int run_transaction(const struct txn *t, const struct test_opts *o)
{
    struct ft_sender_set senders = { 0 };
    char line[1024];
    int rc = -1;

    if (trusted_client(t->conf, t->client)) {
        trusted_format(line, sizeof(line), t->client);
        printf("the client is in trusted_clients: no connector judges its "
               "connection\n  log: %s\n", line);
        return 0;
    }
    printf("MAIL FROM:<%s>\n", t->sender);
    if (decide_sender(t->conf, t->sender, &senders) == 0)
        rc = run_commands(t, o, &senders);
    decide_sender_free(&senders);
    return rc;
}

static void show_session(const struct ft_tls *tls, const struct ft_client *c)
{
    printf("client: %s[%s]\n", c->name, c->addr);
    if (!tls->encrypted) {
        printf("tls: none\n");
        return;
    }
    printf("tls: %s, cipher %s, ", tls->version_text,
           tls->cipher[0] ? tls->cipher : "(not given)");
    if (tls->bits >= 0)
        printf("%d bits\n", tls->bits);
    else
        printf("bits not given\n");
    if (tls->cert_verified)
        printf("certificate: verified, subject CN \"%s\", issuer CN \"%s\"\n",
               tls->cert_subject, tls->cert_issuer);
    else
        printf("certificate: none verified\n");
    printf("seen as: %s\n", tls->pins_known
           ? "forcetls-policyd (fingerprints known, pins checked)"
           : "forcetls-milter (no fingerprints: a pinned connector needs a "
             "verified certificate)");
}

int cmd_test(int argc, char **argv)
{
    struct test_opts o = { 0 };
    struct ft_conf *conf = NULL;
    struct ft_tls tls;
    struct ft_client client;
    char sbuf[1024];
    int rc, refused;

    if ((rc = parse_args(argc, argv, &o)) != EX_OK)
        goto out;
    rc = EX_DATAERR;
    if (build_facts(&o, &tls) != 0)
        goto out;
    rc = EX_CONFIG;
    if ((conf = tool_conf_load("test", o.conf_path)) == NULL)
        goto out;
    client_set(&client, o.client_name ? o.client_name : "unknown",
               o.client_addr);
    show_session(&tls, &client);
    {
        struct txn t = { conf, &tls, &client,
                         strip(o.sender, sbuf, sizeof(sbuf)) };
        refused = run_transaction(&t, &o);
    }
    if (refused < 0) {
        fprintf(stderr, TOOL_NAME " test: out of memory\n");
        rc = EX_SOFTWARE;
    } else {
        printf("result: %s\n", refused == 0 ? "accepted" : "refused");
        rc = refused == 0 ? EX_OK : 1;
    }
out:
    conf_unref(conf);
    free(o.rcpts);
    return rc;
}
