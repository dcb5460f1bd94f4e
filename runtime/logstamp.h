/* logstamp.h - the parts of a log record that change at most once a
 * second or once a process: the time stamp and the "ident[pid]" tag,
 * kept formatted so that a record is assembled with copies only. The
 * caller serializes use of one struct (it holds its own lock). */
#ifndef FT_RUNTIME_LOGSTAMP_H
#define FT_RUNTIME_LOGSTAMP_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

struct ft_logstamp {
    const char *fmt;          /* strftime format, e.g. "%b %e %T" */
    time_t second;            /* when text was formatted; 0: never */
    char text[32];
    size_t len;
};

struct ft_logtag {
    pid_t pid;                /* whose tag text is; 0: none yet */
    char text[96];
    size_t len;
};

/* The local time now in s->fmt; *len its length. */
const char *logstamp_now(struct ft_logstamp *s, size_t *len);

/* "ident[pid]" for this process (formatted again after a fork). */
const char *logtag_get(struct ft_logtag *t, const char *ident, size_t *len);

struct ft_strbuf;

/* Append "STAMP [HOST ]IDENT[PID]: TEXT" (host NULL: none), the record
 * both syslog and postlogd take after their own header. */
void logstamp_record(struct ft_strbuf *sb, struct ft_logstamp *s,
                     const char *host, struct ft_logtag *t,
                     const char *ident, const char *text);

#endif
