/* callbacks.h - the milter's per-connection state and its registration. */
#ifndef FT_MILTER_CALLBACKS_H
#define FT_MILTER_CALLBACKS_H

#include <libmilter/mfapi.h>

#include "conf.h"
#include "pending.h"
#include "tlsfacts.h"

struct ft_session {
    struct ft_conf *conf;     /* a reference, dropped at close */
    struct ft_client client;
    struct ft_tls tls;        /* as of the last MAIL FROM */
    char *sender;             /* without <>; NULL outside a transaction */
    struct ft_pending held;   /* passes waiting for {i} at end of message */
};

/* Register the callbacks with libmilter. */
int callbacks_register(void);

#endif
