/* verdict.c - a connector's outcome as an SMTP reply and as the one log
 * line per decision; values are quoted so that no value can forge a key. */
#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "verdict.h"

static const char *const verdict_names[] = {
    "pass", "reject", "defer", "monitor",
};
static const char *const stage_names[] = { "mail", "rcpt" };

const char *verdict_name(enum ft_verdict v) { return verdict_names[v]; }
const char *stage_name(enum ft_stage s) { return stage_names[s]; }

enum ft_verdict verdict_of(const struct ft_connector *c,
                           const struct ft_result *r)
{
    if (r->failure == FT_FAIL_NONE)
        return FT_VERDICT_PASS;
    if (r->failure == FT_FAIL_INTERNAL)
        return FT_VERDICT_DEFER;
    if (c->mode == FT_MODE_MONITOR)
        return FT_VERDICT_MONITOR;
    return c->action == FT_ACTION_DEFER ? FT_VERDICT_DEFER : FT_VERDICT_REJECT;
}

/* Enhanced status detail by failure: RFC 3463 X.7.0 (security), X.7.1
 * (not authorized), RFC 7372 X.7.5 (certificate problem). */
static const char *detail_of(enum ft_failure f)
{
    switch (f) {
    case FT_FAIL_CLIENT_ADDRESS:
        return "7.1";
    case FT_FAIL_CERTIFICATE:
        return "7.5";
    default:
        return "7.0";
    }
}

void verdict_reply(const struct ft_connector *c, const struct ft_result *r,
                   enum ft_verdict v, struct ft_reply *reply)
{
    bool permanent = v == FT_VERDICT_REJECT;

    if (r->failure == FT_FAIL_INTERNAL) {
        verdict_reply_internal(r->reason, reply);
        return;
    }
    snprintf(reply->code, sizeof(reply->code), "%s", permanent ? "550" : "450");
    snprintf(reply->xcode, sizeof(reply->xcode), "%c.%s",
             permanent ? '5' : '4', detail_of(r->failure));
    if (c->reply_text != NULL)
        snprintf(reply->text, sizeof(reply->text), "%s (connector %s: %s)",
                 c->reply_text, c->name, r->reason);
    else
        snprintf(reply->text, sizeof(reply->text), "connector %s: %s", c->name,
                 r->reason);
}

void verdict_reply_internal(const char *why, struct ft_reply *reply)
{
    snprintf(reply->code, sizeof(reply->code), "451");
    snprintf(reply->xcode, sizeof(reply->xcode), "4.3.5");
    snprintf(reply->text, sizeof(reply->text), "forcetls: %s; try again later",
             why);
}

static bool needs_quotes(const char *v)
{
    if (*v == '\0')
        return true;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p <= ' ' || *p == '"' || *p == '\\' || *p == '=' || *p >= 0x7f)
            return true;
    return false;
}

/* One key=value; values with a space, quote, backslash, '=', control or
 * 8-bit byte are quoted with \" \\ and \xNN, so a parser splits them
 * safely and the line stays ASCII whatever a client sent. */
static void put_kv(struct ft_strbuf *o, const char *key, const char *v)
{
    const char *p = v;

    strbuf_putn(o, " ", 1);
    strbuf_putn(o, key, strlen(key));
    strbuf_putn(o, "=", 1);
    if (!needs_quotes(v)) {
        strbuf_putn(o, v, strlen(v));
        return;
    }
    strbuf_putn(o, "\"", 1);
    /* Runs of plain bytes at once, escapes one by one. */
    while (*p != '\0') {
        size_t n = 0;

        while (p[n] != '\0' && p[n] != '"' && p[n] != '\\'
               && (unsigned char)p[n] >= ' ' && (unsigned char)p[n] < 0x7f)
            n++;
        strbuf_putn(o, p, n);
        p += n;
        if (*p == '"' || *p == '\\')
            strbuf_put(o, "\\%c", *p++);
        else if (*p != '\0')
            strbuf_put(o, "\\x%02X", (unsigned char)*p++);
    }
    strbuf_putn(o, "\"", 1);
}

static void put_bracketed(struct ft_strbuf *o, const char *key, const char *fmt,
                          const char *a, const char *b)
{
    char tmp[2 * FT_FACT_MAX + 1024];

    snprintf(tmp, sizeof(tmp), fmt, a, b);
    put_kv(o, key, tmp);
}

/* "QUEUEID:" as Postfix writes it, or "NOQUEUE:" before there is one (or
 * for a value no queue id has). */
static void put_prefix(struct ft_strbuf *o, const char *queue_id)
{
    if (queue_id != NULL && queue_id[0] != '\0' && strlen(queue_id) < 32
        && !needs_quotes(queue_id))
        strbuf_put(o, "%s:", queue_id);
    else
        strbuf_put(o, "NOQUEUE:");
}

void verdict_prefix(char *buf, size_t len, const char *queue_id)
{
    struct ft_strbuf o;

    strbuf_init(&o, buf, len);
    put_prefix(&o, queue_id);
}

size_t verdict_format(char *buf, size_t len, const struct ft_connector *c,
                      enum ft_verdict v, const struct ft_result *r,
                      const struct ft_logctx *ctx)
{
    struct ft_strbuf o;
    const struct ft_tls *tls = ctx->tls;
    char bits[16];

    strbuf_init(&o, buf, len);
    put_prefix(&o, ctx->queue_id);
    put_kv(&o, "connector", c->name);
    put_kv(&o, "verdict", verdict_name(v));
    put_kv(&o, "reason", r->reason);
    put_kv(&o, "stage", stage_name(ctx->stage));
    put_bracketed(&o, "client", "%s[%s]", ctx->client->name,
                  ctx->client->addr);
    put_bracketed(&o, "sender", "<%s>%s", ctx->sender ? ctx->sender : "", "");
    put_bracketed(&o, "recipient", "<%s>%s",
                  ctx->recipient ? ctx->recipient : "", "");
    if (!tls->encrypted)
        snprintf(bits, sizeof(bits), "0");
    else if (tls->bits < 0)
        snprintf(bits, sizeof(bits), "unknown");
    else
        snprintf(bits, sizeof(bits), "%d", tls->bits);
    put_kv(&o, "tls", tls->encrypted ? tls->version_text : "none");
    put_kv(&o, "cipher", tls->cipher);
    put_kv(&o, "bits", bits);
    put_kv(&o, "cert_subject", tls->cert_subject);
    put_kv(&o, "cert_issuer", tls->cert_issuer);
    /* Only the policy service sees fingerprints; "" elsewhere, so that a
     * changed partner certificate shows in the log wherever it is known. */
    put_kv(&o, "cert_fp", tls->cert_fp);
    put_kv(&o, "pkey_fp", tls->pkey_fp);
    put_kv(&o, "mode", mode_name(c->mode));
    return o.pos;
}
