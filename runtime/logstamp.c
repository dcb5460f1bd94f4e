/* logstamp.c - time stamps formatted once a second: localtime_r() and
 * strftime() per record were most of the cost of logging a verdict to
 * syslog. */
#include "log.h"
#include "logstamp.h"
#include "strbuf.h"

const char *logstamp_now(struct ft_logstamp *s, size_t *len)
{
    time_t now = time(NULL);
    struct tm tm;

    if (now != s->second || s->len == 0) {
        localtime_r(&now, &tm);
        s->len = strftime(s->text, sizeof(s->text), s->fmt, &tm);
        s->second = now;
    }
    *len = s->len;
    return s->text;
}

void logstamp_record(struct ft_strbuf *sb, struct ft_logstamp *s,
                     const char *host, const char *label, const char *line)
{
    const char *stamp;
    size_t n;

    stamp = logstamp_now(s, &n);
    strbuf_putn(sb, stamp, n);
    strbuf_putn(sb, " ", 1);
    if (host != NULL) {
        strbuf_puts(sb, host);
        strbuf_putn(sb, " ", 1);
    }
    log_compose(sb, label, line);
}
