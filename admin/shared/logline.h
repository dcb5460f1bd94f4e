/* logline.h - one syslog line split into its time, program, pid and
 * message, whichever of the usual formats wrote it. */
#ifndef FT_LOGLINE_H
#define FT_LOGLINE_H

#include <stdbool.h>
#include <time.h>

struct log_line {
    bool has_time;
    time_t time;
    char host[64];          /* "" when the format has none (-l stderr) */
    char prog[64];          /* "forcetls-milter", "postfix/smtp" */
    long pid;
    const char *text;       /* the message, inside the caller's line */
};

/* "Nov 23 19:20:42 host prog[pid]: text" (BSD syslog, Postfix's
 * maillog_file), "2026-11-23T19:20:42.5+00:00 host prog[pid]: text"
 * (RFC 3339) or "prog[pid]: text" (-l stderr). A BSD time has no year:
 * the one that puts it no later than a day after now is taken. */
bool logline_split(const char *line, time_t now, struct log_line *out);

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian calendar). */
long logline_days_from_civil(long y, int m, int d);

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or with "T", local time. */
bool logline_parse_date(const char *text, time_t *out);

#endif
