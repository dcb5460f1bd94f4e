/* logsink.h - where a daemon's log lines go: syslog(3) or standard error,
 * chosen once in main(), with the same text in both. */
#ifndef FT_LOGSINK_H
#define FT_LOGSINK_H

#include <stdbool.h>

enum ft_log_sink { FT_LOG_SYSLOG, FT_LOG_STDERR, FT_LOG_POSTLOG };

/* Parse the -l argument: "syslog", "stderr", or "postlog" (Postfix's
 * postlogd at its Debian path) or "postlog:/path/to/public/postlog". */
bool logsink_parse(const char *name, enum ft_log_sink *sink);

/* Route log_info() and friends to sink under ident; facility is a syslog
 * facility name ("mail", "local0"). -1 when it is not one. */
int logsink_open(const char *ident, enum ft_log_sink sink,
                 const char *facility);

/* Change the facility after a configuration (re)load; false when the
 * name is not a facility (nothing changes then). */
bool logsink_set_facility(const char *name);

#endif
