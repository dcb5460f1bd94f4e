/* strbuf.c - formatted appends that truncate safely and keep counting. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

void strbuf_putn(struct ft_strbuf *sb, const char *s, size_t n)
{
    if (sb->pos + 1 < sb->len) {
        size_t room = sb->len - sb->pos - 1, k = n < room ? n : room;

        memcpy(sb->buf + sb->pos, s, k);
        sb->buf[sb->pos + k] = '\0';
    }
    sb->pos += n;
}

void strbuf_puts(struct ft_strbuf *sb, const char *s)
{
    strbuf_putn(sb, s, strlen(s));
}

size_t strbuf_copy(char *dst, size_t size, const char *s, size_t n)
{
    if (size > 0) {
        size_t k = n < size - 1 ? n : size - 1;

        memcpy(dst, s, k);
        dst[k] = '\0';
    }
    return n;
}
