/* reply.c - a decision (logged by lib/decide.c) answered through
 * smfi_setreply(), minding libmilter: a lone '%' drops the text, and a
 * 4xx text is ignored with SMFIS_REJECT (5xx with SMFIS_TEMPFAIL). */
#include <string.h>

#include "callbacks.h"
#include "log.h"
#include "macros.h"
#include "reply.h"

/* smfi_setreply() treats the text as a format: double every '%'. */
static void escape_percent(const char *in, char *out, size_t len)
{
    size_t o = 0;

    for (; *in && o + 2 < len; in++) {
        out[o++] = *in;
        if (*in == '%')
            out[o++] = '%';
    }
    out[o] = '\0';
}

static sfsistat send_reply(SMFICTX *ctx, const struct ft_reply *r)
{
    char text[2 * FT_REPLY_TEXT_MAX];

    escape_percent(r->text, text, sizeof(text));
    if (smfi_setreply(ctx, (char *)r->code, (char *)r->xcode, text)
        != MI_SUCCESS)
        log_warn("smfi_setreply %s %s failed; the MTA's default text is "
                 "used", r->code, r->xcode);
    return r->code[0] == '5' ? SMFIS_REJECT : SMFIS_TEMPFAIL;
}

sfsistat reply_and_log(SMFICTX *ctx, struct ft_session *c,
                       const struct ft_decision *d, enum ft_stage stage,
                       const char *recipient)
{
    struct ft_reply reply;
    struct ft_logctx lc = {
        .queue_id = macros_queue_id(ctx),
        .stage = stage,
        .client = &c->client,
        .sender = c->sender,
        .recipient = recipient,
        .tls = &c->tls,
    };

    if (!decision_answer(d, &lc, c->conf->log_passes, session_held(c),
                         &reply))
        return SMFIS_CONTINUE;
    return send_reply(ctx, &reply);
}

sfsistat reply_internal(SMFICTX *ctx, const char *why)
{
    struct ft_reply reply;

    decision_trouble(why, &reply);
    return send_reply(ctx, &reply);
}
