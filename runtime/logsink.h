/* logsink.h - where a daemon's log lines go: syslog(3), Postfix's
 * postlogd, or standard error, chosen once in main(), with the same text
 * in all. */
#ifndef FT_LOGSINK_H
#define FT_LOGSINK_H

#include <stdbool.h>

enum ft_log_sink { FT_LOG_SYSLOG, FT_LOG_STDERR, FT_LOG_POSTLOG };

/* Parse the -l argument: "syslog", "stderr", or "postlog" (Postfix's
 * postlogd at its Debian path) or "postlog:/path/to/public/postlog". */
bool logsink_parse(const char *name, enum ft_log_sink *sink);

/* Route log_info() and friends to sink, as the program name. */
void logsink_open(const char *name, enum ft_log_sink sink);

#endif
