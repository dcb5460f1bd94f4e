/* logstamp.h - the time stamp of a log record, kept formatted for the
 * second it names, so that a record is assembled with copies only. The
 * caller serializes use of one struct (it holds its own lock). */
#ifndef FT_RUNTIME_LOGSTAMP_H
#define FT_RUNTIME_LOGSTAMP_H

#include <stddef.h>
#include <time.h>

struct ft_logstamp {
    const char *fmt;          /* strftime format, e.g. "%b %e %T" */
    time_t second;            /* when text was formatted; 0: never */
    char text[32];
    size_t len;
};

/* The local time now in s->fmt; *len its length. */
const char *logstamp_now(struct ft_logstamp *s, size_t *len);

struct ft_strbuf;

/* Append "STAMP [HOST ]name[pid]: [label: ]line" (host NULL: none), the
 * record both syslog and postlogd take after their own header. */
void logstamp_record(struct ft_strbuf *sb, struct ft_logstamp *s,
                     const char *host, const char *label, const char *line);

#endif
