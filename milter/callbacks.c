/* callbacks.c - every xxfi_* callback: gather facts, ask lib/ for the
 * decision, answer. Internal trouble answers tempfail, never accept. */
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "callbacks.h"
#include "current.h"
#include "ipaddr.h"
#include "log.h"
#include "macros.h"
#include "reply.h"
#include "trusted.h"

/* "<a@b>" -> "a@b"; Postfix always brackets, other MTAs may not. */
static char *strip_brackets(const char *arg)
{
    size_t n;
    const char *bare = address_bare(arg, &n);

    return strndup(bare, n);
}

/* A transaction that ends without end of message queued nothing: its
 * held lines go out as NOQUEUE. */
static void txn_reset(struct ft_session *c)
{
    held_flush(&c->held, NULL);
    free(c->sender);
    c->sender = NULL;
    decide_sender_free(&c->senders);
}

static sfsistat on_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
                             unsigned long f2, unsigned long f3,
                             unsigned long *pf0, unsigned long *pf1,
                             unsigned long *pf2, unsigned long *pf3)
{
    struct ft_session *c = session_new();

    (void)f0, (void)f2, (void)f3;
    *pf0 = 0;
    *pf1 = f1 & FT_STEPS_OFF;
    *pf2 = *pf3 = 0;
    /* Without a session there is no MAIL FROM to answer trouble at. */
    if (c == NULL)
        *pf1 &= ~(unsigned long)SMFIP_NR_CONN;
    else
        c->connect_noreply = (*pf1 & SMFIP_NR_CONN) != 0;
    smfi_setpriv(ctx, c);
    /* Ask for the macros here so main.cf needs no milter_*_macros edits. */
    if (smfi_setsymlist(ctx, SMFIM_ENVFROM, FT_MAIL_MACROS) != MI_SUCCESS
        || smfi_setsymlist(ctx, SMFIM_ENVRCPT, FT_RCPT_MACROS) != MI_SUCCESS
        || smfi_setsymlist(ctx, SMFIM_EOM, FT_EOM_MACROS) != MI_SUCCESS)
        log_warn("the MTA does not take a macro list; configure "
                 "milter_mail_macros to include the TLS macros");
    return SMFIS_CONTINUE;
}

/* The connection's facts; trouble is answered here or, when connect has
 * no reply, at MAIL FROM (which finds no configuration). */
static sfsistat connect_facts(SMFICTX *ctx, struct ft_session *c,
                              const char *hostname, const _SOCK_ADDR *addr)
{
    char text[FT_IPADDR_TEXT_MAX];

    if ((c->conf = current_get()) == NULL)
        return reply_internal(ctx, "no configuration loaded");
    /* No address (a unix socket, say) is an empty one, never trusted. */
    ipaddr_sockaddr_text(addr, false, text, sizeof(text));
    /* An MTA passes "[address]" for a client without a name; log it the
     * way Postfix does, unknown[address]. */
    client_set(&c->client, hostname != NULL && hostname[0] == '['
                               ? "unknown" : hostname, text);
    tlsfacts_clear(&c->tls);
    /* Nothing more to see on this connection: said once, here. */
    if ((c->trusted = trusted_client(c->conf, &c->client)))
        trusted_log(&c->client);
    return c->trusted ? SMFIS_ACCEPT : SMFIS_CONTINUE;
}

static sfsistat on_connect(SMFICTX *ctx, char *hostname, _SOCK_ADDR *addr)
{
    struct ft_session *c = smfi_getpriv(ctx);
    sfsistat rc;

    /* An MTA that does not negotiate (protocol 2) starts here. */
    if (c == NULL) {
        if ((c = session_new()) == NULL)
            return reply_internal(ctx, "out of memory");
        smfi_setpriv(ctx, c);
    }
    rc = connect_facts(ctx, c, hostname, addr);
    return c->connect_noreply ? SMFIS_NOREPLY : rc;
}

static sfsistat envfrom(SMFICTX *ctx, struct ft_session *c, char **argv)
{
    struct ft_decision d;
    sfsistat rc;

    txn_reset(c);
    if (c->trusted)
        return SMFIS_ACCEPT;
    if ((c->sender = strip_brackets(argv[0])) == NULL)
        return reply_internal(ctx, "out of memory");
    macros_read_tls(ctx, c->client.name, &c->tls);
    if (decide_sender(c->conf, c->sender, &c->senders) != 0)
        return reply_internal(ctx, "out of memory");
    if (decide_mail(c->conf, &c->tls, &c->client, &c->senders, &d) != 0) {
        decision_free(&d);
        return reply_internal(ctx, "out of memory");
    }
    rc = reply_and_log(ctx, c, &d, FT_STAGE_MAIL, NULL);
    decision_free(&d);
    return rc;
}

static sfsistat envrcpt(SMFICTX *ctx, struct ft_session *c, char **argv)
{
    struct ft_decision d;
    char *rcpt;
    sfsistat rc;

    if (c->sender == NULL)
        return reply_internal(ctx, "no transaction state");
    if ((rcpt = strip_brackets(argv[0])) == NULL)
        return reply_internal(ctx, "out of memory");
    if (decide_rcpt(c->conf, &c->tls, &c->client, &c->senders, rcpt, &d)
        != 0)
        rc = reply_internal(ctx, "out of memory");
    else
        rc = reply_and_log(ctx, c, &d, FT_STAGE_RCPT, rcpt);
    decision_free(&d);
    free(rcpt);
    return rc;
}

/* Run a command's callback body under the session's lock. */
static sfsistat locked(SMFICTX *ctx, char **argv,
                       sfsistat (*body)(SMFICTX *, struct ft_session *,
                                        char **))
{
    struct ft_session *c = smfi_getpriv(ctx);
    sfsistat rc;

    if (c == NULL || c->conf == NULL)
        return reply_internal(ctx, "no connection state");
    session_lock(c);
    rc = body(ctx, c, argv);
    session_unlock(c);
    return rc;
}

static sfsistat on_envfrom(SMFICTX *ctx, char **argv)
{
    return locked(ctx, argv, envfrom);
}

static sfsistat on_envrcpt(SMFICTX *ctx, char **argv)
{
    return locked(ctx, argv, envrcpt);
}

/* The message is queued: its verdict lines take Postfix's queue id. */
static sfsistat on_eom(SMFICTX *ctx)
{
    struct ft_session *c = smfi_getpriv(ctx);

    if (c != NULL) {
        session_lock(c);
        held_flush(&c->held, macros_queue_id(ctx));
        txn_reset(c);
        session_unlock(c);
    }
    return SMFIS_CONTINUE;
}

static sfsistat on_abort(SMFICTX *ctx)
{
    struct ft_session *c = smfi_getpriv(ctx);

    if (c != NULL) {
        session_lock(c);
        txn_reset(c);
        session_unlock(c);
    }
    return SMFIS_CONTINUE;
}

static sfsistat on_close(SMFICTX *ctx)
{
    struct ft_session *c = smfi_getpriv(ctx);

    if (c != NULL) {
        smfi_setpriv(ctx, NULL);
        session_free(c);
    }
    return SMFIS_CONTINUE;
}

static struct smfiDesc desc = {
    .xxfi_name = "forcetls",
    .xxfi_version = SMFI_VERSION,
    .xxfi_flags = 0,
    .xxfi_connect = on_connect,
    .xxfi_envfrom = on_envfrom,
    .xxfi_envrcpt = on_envrcpt,
    .xxfi_eom = on_eom,
    .xxfi_abort = on_abort,
    .xxfi_close = on_close,
    .xxfi_negotiate = on_negotiate,
};

int callbacks_register(void)
{
    return smfi_register(desc) == MI_SUCCESS ? 0 : -1;
}
