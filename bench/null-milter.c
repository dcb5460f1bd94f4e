/* null-milter.c - the baseline for forcetls-milter: a libmilter milter
 * with the same shape (the same steps negotiated away, the same macros
 * asked for and read, per-connection state) that accepts everything, so
 * the difference is forcetls's own work.
 *
 *   null-milter SOCKET        (unix socket path; runs until killed) */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

#include "macros.h"

struct null_conn {
    bool connect_noreply;
    char *sender;
    size_t seen;                /* macro values read, so none is skipped */
};

static const char *const mail_macros[] = {
    "{tls_version}", "{cipher}", "{cipher_bits}", "{cert_subject}",
    "{cert_issuer}", "{verify}", "i",
};

static sfsistat on_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
                             unsigned long f2, unsigned long f3,
                             unsigned long *pf0, unsigned long *pf1,
                             unsigned long *pf2, unsigned long *pf3)
{
    struct null_conn *c = calloc(1, sizeof(*c));

    (void)f0, (void)f2, (void)f3;
    *pf0 = 0;
    *pf1 = f1 & FT_STEPS_OFF;
    *pf2 = *pf3 = 0;
    if (c == NULL)
        *pf1 &= ~(unsigned long)SMFIP_NR_CONN;
    else
        c->connect_noreply = (*pf1 & SMFIP_NR_CONN) != 0;
    smfi_setpriv(ctx, c);
    smfi_setsymlist(ctx, SMFIM_ENVFROM, FT_MAIL_MACROS);
    smfi_setsymlist(ctx, SMFIM_ENVRCPT, FT_RCPT_MACROS);
    return SMFIS_CONTINUE;
}

static sfsistat on_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *addr)
{
    struct null_conn *c = smfi_getpriv(ctx);

    (void)host, (void)addr;
    if (c == NULL)
        smfi_setpriv(ctx, c = calloc(1, sizeof(*c)));
    return c != NULL && c->connect_noreply ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

static sfsistat on_envfrom(SMFICTX *ctx, char **argv)
{
    struct null_conn *c = smfi_getpriv(ctx);

    if (c == NULL)
        return SMFIS_TEMPFAIL;
    free(c->sender);
    c->sender = strdup(argv[0]);
    for (size_t i = 0; i < sizeof(mail_macros) / sizeof(mail_macros[0]); i++)
        c->seen += smfi_getsymval(ctx, (char *)mail_macros[i]) != NULL;
    return SMFIS_CONTINUE;
}

static sfsistat on_envrcpt(SMFICTX *ctx, char **argv)
{
    struct null_conn *c = smfi_getpriv(ctx);

    (void)argv;
    if (c == NULL)
        return SMFIS_TEMPFAIL;
    c->seen += smfi_getsymval(ctx, "i") != NULL;
    return SMFIS_CONTINUE;
}

static sfsistat on_abort(SMFICTX *ctx)
{
    struct null_conn *c = smfi_getpriv(ctx);

    if (c != NULL) {
        free(c->sender);
        c->sender = NULL;
    }
    return SMFIS_CONTINUE;
}

static sfsistat on_close(SMFICTX *ctx)
{
    struct null_conn *c = smfi_getpriv(ctx);

    if (c != NULL) {
        free(c->sender);
        free(c);
        smfi_setpriv(ctx, NULL);
    }
    return SMFIS_CONTINUE;
}

int main(int argc, char **argv)
{
    static char conn[256];
    struct smfiDesc desc = {
        .xxfi_name = "null",
        .xxfi_version = SMFI_VERSION,
        .xxfi_connect = on_connect,
        .xxfi_envfrom = on_envfrom,
        .xxfi_envrcpt = on_envrcpt,
        .xxfi_abort = on_abort,
        .xxfi_close = on_close,
        .xxfi_negotiate = on_negotiate,
    };

    if (argc != 2 || strlen(argv[1]) + 6 > sizeof(conn)) {
        fprintf(stderr, "usage: null-milter SOCKET\n");
        return 2;
    }
    snprintf(conn, sizeof(conn), "unix:%s", argv[1]);
    unlink(argv[1]);
    if (smfi_register(desc) != MI_SUCCESS || smfi_setconn(conn) != MI_SUCCESS
        || smfi_opensocket(true) != MI_SUCCESS) {
        fprintf(stderr, "null-milter: cannot listen on %s\n", argv[1]);
        return 1;
    }
    return smfi_main() == MI_SUCCESS ? 0 : 1;
}
