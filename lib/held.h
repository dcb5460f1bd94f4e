/* held.h - verdict lines of mail that goes on (pass, monitor) held
 * until Postfix names the message's queue id, so that an auditor can
 * follow one accepted message from our line to Postfix's. */
#ifndef FT_HELD_H
#define FT_HELD_H

#include <stddef.h>

/* Bodies of verdict lines (what follows "NOQUEUE:"), one after another. */
struct ft_held {
    char *buf;
    size_t len, cap;
};

#define FT_HELD_MAX 65536       /* bytes held per transaction */

/* Hold line (as verdict_format() wrote it with no queue id); when it
 * cannot be held (too many, out of memory) it is logged at once, as
 * NOQUEUE: a line is never lost. */
void held_add(struct ft_held *h, const char *line);

/* Log every held line with queue_id (NULL or "": NOQUEUE, the message was
 * not queued) and forget them. */
void held_flush(struct ft_held *h, const char *queue_id);

/* Flush as NOQUEUE and free. */
void held_free(struct ft_held *h);

#endif
