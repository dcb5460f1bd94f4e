/* strbuf.h - appending formatted text to a caller's buffer, counting like
 * snprintf so that a short buffer is noticed, never overrun. */
#ifndef FT_STRBUF_H
#define FT_STRBUF_H

#include <stddef.h>

struct ft_strbuf {
    char *buf;
    size_t len;     /* size of buf */
    size_t pos;     /* what was asked for so far, even past len */
};

/* Start writing into buf of size len ("" when len > 0). */
void strbuf_init(struct ft_strbuf *sb, char *buf, size_t len);

void strbuf_put(struct ft_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append s[0..n) as it is: what strbuf_put(sb, "%.*s", n, s) does, without
 * parsing a format (a verdict line is built of a few dozen pieces). */
void strbuf_putn(struct ft_strbuf *sb, const char *s, size_t n);

/* Append the string s: strbuf_putn(sb, s, strlen(s)). */
void strbuf_puts(struct ft_strbuf *sb, const char *s);

/* Copy s[0..n) into dst of size bytes, cut to fit and always ended by a
 * NUL: what snprintf(dst, size, "%.*s", n, s) does, without parsing a
 * format (copies sit on the policy service's path for every request).
 * Returns n, as snprintf would. */
size_t strbuf_copy(char *dst, size_t size, const char *s, size_t n);

#endif
