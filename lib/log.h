/* log.h - one logging front end for the core and the programs: it holds
 * the program's name, its "name[pid]" tag and the syslog facility, and
 * writes standard error itself; where else the lines go (syslog, postlogd)
 * is the program's choice, made once. */
#ifndef FT_LOG_H
#define FT_LOG_H

#include <stdbool.h>

struct ft_strbuf;

/* A sink takes a syslog priority, a label ("warning", "error", "fatal",
 * or NULL for plain information) and the formatted line. */
typedef void ft_log_sink_fn(int prio, const char *label, const char *line);

/* Send every later line to emit; NULL restores the default, standard
 * error as "name[pid]: [label: ]line". */
void log_set_sink(ft_log_sink_fn *emit);

/* Name the program in every later line (default "forcetls", cut at 63
 * bytes); before a second thread starts, as the tag is read unlocked. */
void log_set_name(const char *name);

/* Look a syslog facility name up ("mail", "local0"); false when it is not
 * one. */
bool log_facility_parse(const char *name, int *facility);

/* Log at the named facility from now on (default "mail"); false when the
 * name is not a facility (nothing changes then). */
bool log_set_facility(const char *name);

/* The facility (LOG_MAIL...) a syslog sink sends at. */
int log_facility(void);

/* Append "name[pid]: [label: ]line", the text every sink writes after its
 * own header (a time stamp, a host). */
void log_compose(struct ft_strbuf *sb, const char *label, const char *line);

/* Writes to standard error never wait from now on: a pipe or socket whose
 * reader stopped loses lines instead of stopping the program. */
void log_stderr_nonblocking(void);

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* At priority LOG_CRIT with the label "fatal"; the caller decides what
 * follows. */
void log_crit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
