/* timerq.h - connections in deadline order, for one timeout length: a
 * connection moved to the tail on activity keeps the queue sorted, so the
 * next deadline is always at the head. */
#ifndef FT_POLICYD_TIMERQ_H
#define FT_POLICYD_TIMERQ_H

#include <stdint.h>

#include "conn.h"

struct ft_timerq {
    struct ft_conn *head, *tail;
};

void timerq_remove(struct ft_timerq *q, struct ft_conn *c);

/* Append c with its deadline set. */
void timerq_append(struct ft_timerq *q, struct ft_conn *c, uint64_t deadline);

/* Milliseconds on a clock that only goes forward. */
uint64_t timerq_now_ms(void);

#endif
