/* log.h - one logging front end; the sink is chosen once in main(). */
#ifndef FT_LOG_H
#define FT_LOG_H

#include <stdbool.h>

enum ft_log_sink { FT_LOG_SYSLOG, FT_LOG_STDERR };

/* Choose the sink; facility is a syslog facility name ("mail", "local0"). */
int log_init(const char *ident, enum ft_log_sink sink, const char *facility);

/* Look a syslog facility name up; false when it is not one. */
bool log_facility_parse(const char *name, int *facility);

/* Parse the -l argument ("syslog" or "stderr"). */
bool log_sink_parse(const char *name, enum ft_log_sink *sink);

/* Change the facility after a configuration (re)load; false when the
 * name is not a facility (nothing changes then). */
bool log_set_facility(const char *name);

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Log and exit with status (a sysexits code). */
void log_fatal(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

#endif
