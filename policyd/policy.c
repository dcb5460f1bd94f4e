/* policy.c - one policy request decided: sender-scoped connectors once per
 * transaction (at the first request carrying the sender), recipient-scoped
 * ones at each RCPT; every outcome logged with verdict_format(), the
 * deciding one answered as "action=550 5.7.x ...", "action=450 4.7.x ..."
 * or DUNNO. Internal trouble answers 451 4.3.5, never DUNNO. */
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "decide.h"
#include "facts.h"
#include "log.h"
#include "policy.h"
#include "strbuf.h"
#include "trusted.h"

struct policy_ctx {
    const struct ft_conf *conf;
    struct ft_tls tls;
    struct ft_client client;
    char sender[REQUEST_LINE_MAX];
    char recipient[REQUEST_LINE_MAX];
    const char *queue_id;
    enum ft_stage stage;
};

/* Postfix sends bare addresses, test tools may bracket them. */
static void copy_address(const char *in, char *out, size_t len)
{
    size_t n;
    const char *bare = address_bare(in, &n);

    strbuf_copy(out, len, bare, n);
}

/* Log d as the milter logs it; true with *reply set when it refuses. */
static bool refused(const struct policy_ctx *p, const struct ft_decision *d,
                    struct ft_held *held, struct ft_reply *reply)
{
    struct ft_logctx lc = {
        .queue_id = p->queue_id,
        .stage = p->stage,
        .client = &p->client,
        .sender = p->sender,
        .recipient = p->recipient,
        .tls = &p->tls,
    };

    return decision_answer(d, &lc, p->conf->log_passes, held, reply);
}

/* Sender-scoped connectors, unless this transaction had them decided:
 * the sender's connector set, found here, serves its recipients too. */
static bool sender_refuses(const struct policy_ctx *p,
                           struct ft_policy_txn *txn, const char *instance,
                           struct ft_reply *reply)
{
    struct ft_decision d = { 0 };
    bool no;

    /* A reload in mid-transaction decides the sender anew. */
    if (instance != NULL && txn->instance[0] != '\0'
        && txn->generation == p->conf->generation
        && strcmp(instance, txn->instance) == 0) {
        *reply = txn->reply;
        return txn->failed;
    }
    if (decide_sender(p->conf, p->sender, &txn->senders) != 0
        || decide_mail(p->conf, &p->tls, &p->client, &txn->senders,
                       &d) != 0) {
        decision_trouble("out of memory deciding sender connectors", reply);
        no = true;
    } else {
        no = refused(p, &d, &txn->held, reply);
    }
    decision_free(&d);
    /* Without an instance (not Postfix?) every request decides anew. */
    txn->instance[0] = '\0';
    if (instance != NULL && strlen(instance) < sizeof(txn->instance)) {
        strbuf_copy(txn->instance, sizeof(txn->instance), instance,
                    strlen(instance));
        txn->generation = p->conf->generation;
        txn->failed = no;
        txn->reply = *reply;
    }
    return no;
}

static bool recipient_refuses(const struct policy_ctx *p,
                              struct ft_policy_txn *txn,
                              struct ft_reply *reply)
{
    struct ft_decision d;
    bool no;

    if (decide_rcpt(p->conf, &p->tls, &p->client, &txn->senders,
                    p->recipient, &d) != 0) {
        decision_trouble("out of memory deciding recipient connectors", reply);
        no = true;
    } else {
        no = refused(p, &d, &txn->held, reply);
    }
    decision_free(&d);
    return no;
}

/* One line ending in the blank line, whatever the reply text holds: the
 * text is cut to fit, never the terminator. */
static void put_action(char *out, size_t outlen, const struct ft_reply *r)
{
    static const char dunno[] = "action=DUNNO\n\n";
    struct ft_strbuf sb;
    size_t room;

    if (r == NULL) {
        strbuf_copy(out, outlen, dunno, sizeof(dunno) - 1);
        return;
    }
    strbuf_init(&sb, out, outlen);
    strbuf_putn(&sb, "action=", 7);
    strbuf_putn(&sb, r->code, strlen(r->code));
    strbuf_putn(&sb, " ", 1);
    strbuf_putn(&sb, r->xcode, strlen(r->xcode));
    strbuf_putn(&sb, " ", 1);
    /* Room for the text: all but what is written, "\n\n" and the NUL. */
    room = sb.pos + 3 < outlen ? outlen - sb.pos - 3 : 0;
    strbuf_putn(&sb, r->text, strnlen(r->text, room));
    for (size_t i = 7; i < sb.pos && i + 1 < outlen; i++)
        if ((unsigned char)out[i] < ' ')
            out[i] = ' ';
    strbuf_putn(&sb, "\n\n", 2);
}

static void warn_digest(const struct policy_ctx *p, struct ft_policy_txn *txn)
{
    const char *digest = p->conf->policyd.fingerprint_digest;

    if (txn->digest_warned || !facts_digest_differs(&p->tls, digest))
        return;
    txn->digest_warned = true;
    log_warn("client %s[%s]: ccert_fingerprint %s is not a %s digest, so no "
             "pin can match; set smtpd_tls_fingerprint_digest = %s in "
             "main.cf (or fingerprint_digest to Postfix's)", p->client.name,
             p->client.addr, p->tls.cert_fp, digest, digest);
}

/* MAIL and RCPT are where decisions belong; a policy service placed under
 * smtpd_data_restrictions or smtpd_end_of_data_restrictions still decides
 * (as at RCPT, for the recipient Postfix names, if one), rather than let
 * partner mail pass with DUNNO. */
static bool decided_at(const char *state)
{
    return strcmp(state, "MAIL") == 0 || strcmp(state, "RCPT") == 0
        || strcmp(state, "DATA") == 0 || strcmp(state, "END-OF-MESSAGE") == 0;
}

static void warn_placement(const char *state, struct ft_policy_txn *txn)
{
    if (txn->placement_warned || strcmp(state, "MAIL") == 0
        || strcmp(state, "RCPT") == 0)
        return;
    txn->placement_warned = true;
    log_warn("policy request at protocol_state %s: put check_policy_service "
             "in smtpd_recipient_restrictions, where each recipient's "
             "connectors are decided", state);
}

/* Postfix names each transaction by its instance on the connection; a new
 * one means the last is over. */
static bool same_transaction(const struct ft_policy_txn *txn,
                             const char *instance)
{
    return instance != NULL && txn->instance[0] != '\0'
        && strcmp(instance, txn->instance) == 0;
}

static bool after_recipients(const char *state)
{
    return strcmp(state, "DATA") == 0 || strcmp(state, "END-OF-MESSAGE") == 0;
}

/* A new transaction (the last one queued nothing we were told of) ends
 * the last one: its held lines go out, its sender set goes. A request
 * that carries the queue id lets the held lines out with it. */
static void follow_transaction(struct ft_policy_txn *txn,
                               const char *instance, const char *queue_id)
{
    if (!same_transaction(txn, instance)) {
        held_flush(&txn->held, NULL);
        decide_sender_free(&txn->senders);
    } else if (queue_id != NULL && queue_id[0] != '\0') {
        held_flush(&txn->held, queue_id);
    }
}

void policy_txn_end(struct ft_policy_txn *txn)
{
    held_free(&txn->held);
    decide_sender_free(&txn->senders);
}

/* One policy connection serves one smtpd, one SMTP session after
 * another; the client's address and port tell the sessions apart, so the
 * line is written once per SMTP connection, as the milter writes it. */
static void note_trusted(const struct ft_client *c, const char *port,
                         struct ft_policy_txn *txn)
{
    char key[sizeof(txn->trusted_seen)];

    snprintf(key, sizeof(key), "%.*s:%.16s", FT_FACT_MAX - 1, c->addr,
             port ? port : "");
    if (strcmp(key, txn->trusted_seen) == 0)
        return;
    snprintf(txn->trusted_seen, sizeof(txn->trusted_seen), "%s", key);
    trusted_log(c);
}

bool policy_answer(const struct ft_conf *conf, struct ft_policy_txn *txn,
                   const struct ft_request_attrs *req, char *out,
                   size_t outlen, char *why, size_t whylen)
{
    const char *request = request_get(req, ATTR_REQUEST);
    const char *state = request_get(req, ATTR_PROTOCOL_STATE);
    /* Not zeroed: its two address buffers are 8 KB, a memset that was a
     * tenth of a request's work. Every field is set before it is read. */
    struct policy_ctx p;
    struct ft_reply reply = { "", "", "" };
    bool no;

    if (strcmp(request, "smtpd_access_policy") != 0) {
        snprintf(why, whylen, "request \"%.40s\" is not smtpd_access_policy",
                 request);
        return false;
    }
    if (state == NULL || !decided_at(state)) {
        /* Nothing to decide before MAIL FROM. */
        put_action(out, outlen, NULL);
        return true;
    }
    p.queue_id = request_get(req, ATTR_QUEUE_ID);
    follow_transaction(txn, request_get(req, ATTR_INSTANCE), p.queue_id);
    /* Decided at RCPT already (check_policy_service also under
     * smtpd_end_of_data_restrictions, where the queue id is known): the
     * lines are out with it, and there is nothing new to decide. */
    if (after_recipients(state)
        && same_transaction(txn, request_get(req, ATTR_INSTANCE))) {
        put_action(out, outlen, txn->failed ? &txn->reply : NULL);
        return true;
    }
    p.conf = conf;
    p.recipient[0] = '\0';
    facts_read(req, &p.tls, &p.client);
    /* Before the placement warning: a trusted client's transactions are
     * never decided at RCPT, so its end-of-data request (the README's
     * smtpd_end_of_data_restrictions) would look misplaced. */
    if (trusted_client(conf, &p.client)) {
        note_trusted(&p.client, request_get(req, ATTR_CLIENT_PORT), txn);
        put_action(out, outlen, NULL);
        return true;
    }
    warn_placement(state, txn);
    warn_digest(&p, txn);
    copy_address(request_get(req, ATTR_SENDER), p.sender,
                 sizeof(p.sender));
    p.stage = strcmp(state, "MAIL") == 0 ? FT_STAGE_MAIL : FT_STAGE_RCPT;
    /* After MAIL even the sender's verdict is this recipient's answer. */
    if (p.stage == FT_STAGE_RCPT)
        copy_address(request_get(req, ATTR_RECIPIENT), p.recipient,
                     sizeof(p.recipient));
    no = sender_refuses(&p, txn, request_get(req, ATTR_INSTANCE), &reply);
    if (!no && p.stage == FT_STAGE_RCPT)
        no = recipient_refuses(&p, txn, &reply);
    put_action(out, outlen, no ? &reply : NULL);
    return true;
}
