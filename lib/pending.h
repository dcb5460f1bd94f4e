/* pending.h - verdict lines of mail that goes on (pass, monitor) held
 * until Postfix names the message's queue id, so that an auditor can
 * follow one accepted message from our line to Postfix's. */
#ifndef FT_PENDING_H
#define FT_PENDING_H

#include <stddef.h>

/* Bodies of verdict lines (what follows "NOQUEUE:"), one after another. */
struct ft_pending {
    char *buf;
    size_t len, cap;
};

#define FT_PENDING_MAX 65536    /* bytes held per transaction */

/* Hold line (as verdict_format() wrote it with no queue id); when it
 * cannot be held (too many, out of memory) it is logged at once, as
 * NOQUEUE: a line is never lost. */
void pending_add(struct ft_pending *p, const char *line);

/* Log every held line with queue_id (NULL or "": NOQUEUE, the message was
 * not queued) and forget them. */
void pending_flush(struct ft_pending *p, const char *queue_id);

/* Flush as NOQUEUE and free. */
void pending_free(struct ft_pending *p);

#endif
