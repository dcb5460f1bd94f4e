/* timerq.c - a doubly linked list of connections ordered by deadline;
 * every operation is O(1), which is what lets a thousand idle connections
 * cost nothing per event. */
#include <stddef.h>
#include <time.h>

#include "timerq.h"

void timerq_remove(struct ft_timerq *q, struct ft_conn *c)
{
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        q->head = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    else
        q->tail = c->prev;
    c->prev = c->next = NULL;
}

void timerq_append(struct ft_timerq *q, struct ft_conn *c, uint64_t deadline)
{
    c->deadline = deadline;
    c->prev = q->tail;
    c->next = NULL;
    if (q->tail != NULL)
        q->tail->next = c;
    else
        q->head = c;
    q->tail = c;
}

uint64_t timerq_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}
