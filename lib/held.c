/* held.c - held verdict lines: each is kept as the text after its
 * "NOQUEUE:" and given its queue id when the message is queued (Postfix
 * knows it only after the first accepted recipient). */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "held.h"
#include "verdict.h"

#define NOQUEUE "NOQUEUE:"

void held_add(struct ft_held *h, const char *line)
{
    size_t n;

    if (strncmp(line, NOQUEUE, sizeof(NOQUEUE) - 1) != 0) {
        log_info("%s", line);           /* it has its queue id already */
        return;
    }
    line += sizeof(NOQUEUE) - 1;
    n = strlen(line) + 1;
    if (h->len + n > h->cap && h->len + n <= FT_HELD_MAX) {
        size_t cap = h->cap ? h->cap : 1024;
        char *grown;

        while (cap < h->len + n)
            cap *= 2;
        if ((grown = realloc(h->buf, cap)) != NULL) {
            h->buf = grown;
            h->cap = cap;
        }
    }
    if (h->len + n > h->cap) {
        log_info(NOQUEUE "%s", line);
        return;
    }
    memcpy(h->buf + h->len, line, n);
    h->len += n;
}

void held_flush(struct ft_held *h, const char *queue_id)
{
    char prefix[64];

    verdict_prefix(prefix, sizeof(prefix), queue_id);
    for (size_t off = 0; off < h->len; off += strlen(h->buf + off) + 1)
        log_info("%s%s", prefix, h->buf + off);
    h->len = 0;
}

void held_free(struct ft_held *h)
{
    held_flush(h, NULL);
    free(h->buf);
    h->buf = NULL;
    h->cap = 0;
}
