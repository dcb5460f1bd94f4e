/* strbuf.c - formatted appends that truncate safely and keep counting. */
#include <stdarg.h>
#include <stdio.h>

#include "strbuf.h"

void strbuf_init(struct ft_strbuf *sb, char *buf, size_t len)
{
    sb->buf = buf;
    sb->len = len;
    sb->pos = 0;
    if (len > 0)
        buf[0] = '\0';
}

void strbuf_put(struct ft_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(sb->pos < sb->len ? sb->buf + sb->pos : NULL,
                  sb->pos < sb->len ? sb->len - sb->pos : 0, fmt, ap);
    va_end(ap);
    if (n > 0)
        sb->pos += (size_t)n;
}
