/* msgseen.h - has a verdict for this message been counted already? Both
 * daemons in the path log one line each for the same queued message. */
#ifndef FT_MSGSEEN_H
#define FT_MSGSEEN_H

#include <stdbool.h>

struct msgseen;

struct msgseen *msgseen_new(void);
void msgseen_free(struct msgseen *m);

/* True when (host, queue id, connector, verdict) was seen among the recent
 * ones; remembers it otherwise. */
bool msgseen_check(struct msgseen *m, const char *host, const char *queue_id,
                   const char *connector, const char *verdict);

#endif
