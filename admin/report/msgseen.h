/* msgseen.h - has a verdict for this message been counted already? Both
 * daemons in the path log one line each for the same queued message. */
#ifndef FT_MSGSEEN_H
#define FT_MSGSEEN_H

#include <stdbool.h>

#include "certseen.h"

/* Messages remembered: the last so many, exactly. */
#define MSGSEEN_RECENT 32768

struct msgseen;

struct msgseen *msgseen_new(void);
void msgseen_free(struct msgseen *m);

/* The record of (host, queue id, connector, verdict) among the recent
 * ones: *seen true when it was there, false when it is new; its credit
 * says where the first line's certificate was counted (the caller sets
 * it for a new one). */
struct cert_credit *msgseen_get(struct msgseen *m, const char *host,
                                const char *queue_id, const char *connector,
                                const char *verdict, bool *seen);

#endif
