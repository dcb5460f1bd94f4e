/* sessions.c - the open sessions: a list under one lock, taken at a
 * session's start and end and at the stop; each session has a lock of its
 * own so that callbacks of different sessions never wait for each other. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include "sessions.h"

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ft_session *head;
static atomic_bool stopped;

struct ft_session *session_new(void)
{
    struct ft_session *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    pthread_mutex_init(&c->lock, NULL);
    pthread_mutex_lock(&list_lock);
    c->next = head;
    if (head != NULL)
        head->prev = c;
    head = c;
    pthread_mutex_unlock(&list_lock);
    return c;
}

/* The held lines go out before c leaves the list: a stop that finds the
 * list without c knows they are written. */
void session_free(struct ft_session *c)
{
    pthread_mutex_lock(&list_lock);
    held_flush(&c->held, NULL);
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        head = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&list_lock);
    held_free(&c->held);
    free(c->sender);
    decide_sender_free(&c->senders);
    conf_unref(c->conf);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

void session_lock(struct ft_session *c)
{
    pthread_mutex_lock(&c->lock);
}

void session_unlock(struct ft_session *c)
{
    pthread_mutex_unlock(&c->lock);
}

struct ft_held *session_held(struct ft_session *c)
{
    return atomic_load(&stopped) ? NULL : &c->held;
}

/* Set stopped first: a callback that checks it after waits for nothing,
 * one that checked before added its line and is flushed here. */
void sessions_stop(void)
{
    atomic_store(&stopped, true);
    pthread_mutex_lock(&list_lock);
    for (struct ft_session *c = head; c != NULL; c = c->next) {
        pthread_mutex_lock(&c->lock);
        held_flush(&c->held, NULL);
        pthread_mutex_unlock(&c->lock);
    }
    pthread_mutex_unlock(&list_lock);
}
