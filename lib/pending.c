/* pending.c - held verdict lines: each is kept as the text after its
 * "NOQUEUE:" and given its queue id when the message is queued (Postfix
 * knows it only after the first accepted recipient). */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "pending.h"
#include "verdict.h"

#define NOQUEUE "NOQUEUE:"

void pending_add(struct ft_pending *p, const char *line)
{
    size_t n;

    if (strncmp(line, NOQUEUE, sizeof(NOQUEUE) - 1) != 0) {
        log_info("%s", line);           /* it has its queue id already */
        return;
    }
    line += sizeof(NOQUEUE) - 1;
    n = strlen(line) + 1;
    if (p->len + n > p->cap && p->len + n <= FT_PENDING_MAX) {
        size_t cap = p->cap ? p->cap : 1024;
        char *grown;

        while (cap < p->len + n)
            cap *= 2;
        if ((grown = realloc(p->buf, cap)) != NULL) {
            p->buf = grown;
            p->cap = cap;
        }
    }
    if (p->len + n > p->cap) {
        log_info(NOQUEUE "%s", line);
        return;
    }
    memcpy(p->buf + p->len, line, n);
    p->len += n;
}

void pending_flush(struct ft_pending *p, const char *queue_id)
{
    char prefix[64];

    verdict_prefix(prefix, sizeof(prefix), queue_id);
    for (size_t off = 0; off < p->len; off += strlen(p->buf + off) + 1)
        log_info("%s%s", prefix, p->buf + off);
    p->len = 0;
}

void pending_free(struct ft_pending *p)
{
    pending_flush(p, NULL);
    free(p->buf);
    p->buf = NULL;
    p->cap = 0;
}
