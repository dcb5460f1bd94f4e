/* log.h - one logging front end for the core and the programs; where the
 * lines go (syslog, standard error) is the program's choice, made once. */
#ifndef FT_LOG_H
#define FT_LOG_H

#include <stdbool.h>

/* A sink takes a syslog priority, a label ("warning", "error", "fatal",
 * or NULL for plain information) and the formatted line. */
typedef void ft_log_sink_fn(int prio, const char *label, const char *line);

/* Send every later line to emit; NULL restores the default, standard
 * error with the prefix "forcetls[PID]: ". */
void log_set_sink(ft_log_sink_fn *emit);

/* Look a syslog facility name up ("mail", "local0"); false when it is not
 * one. */
bool log_facility_parse(const char *name, int *facility);

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* At priority LOG_CRIT with the label "fatal"; the caller decides what
 * follows. */
void log_crit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
