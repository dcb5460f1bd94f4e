/* sessions.h - the milter's per-connection state, and the list of open
 * sessions a stop goes through: libmilter returns from smfi_main()
 * without waiting for them, and the verdict lines they hold must still be
 * written. */
#ifndef FT_MILTER_SESSIONS_H
#define FT_MILTER_SESSIONS_H

#include <pthread.h>
#include <stdbool.h>

#include "conf.h"
#include "decide.h"
#include "held.h"
#include "tlsfacts.h"

struct ft_session {
    struct ft_conf *conf;     /* a reference, dropped at close */
    struct ft_client client;
    struct ft_tls tls;        /* as of the last MAIL FROM */
    char *sender;             /* without <>; NULL outside a transaction */
    struct ft_sender_set senders; /* its connectors, found at MAIL FROM */
    struct ft_held held;      /* passes waiting for {i} at end of message */
    bool connect_noreply;     /* SMFIP_NR_CONN was negotiated */
    bool trusted;             /* from trusted_clients: accepted at MAIL */
    pthread_mutex_t lock;     /* held by a callback; taken by the stop */
    struct ft_session *prev, *next;
};

/* A new session, listed; NULL when out of memory. */
struct ft_session *session_new(void);

/* Unlist c and free it; its held lines go out as NOQUEUE. */
void session_free(struct ft_session *c);

/* A callback's hold on c, taken before it reads or changes c. */
void session_lock(struct ft_session *c);
void session_unlock(struct ft_session *c);

/* Where a pass line waits for the queue id: NULL once the milter stops,
 * when there is no queue id to wait for and the line is logged at once. */
struct ft_held *session_held(struct ft_session *c);

/* The milter stops: log what every open session holds, as NOQUEUE (a
 * message whose end was not seen was not queued by us). */
void sessions_stop(void);

#endif
