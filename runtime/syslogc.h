/* syslogc.h - a syslog client that never blocks the daemon. */
#ifndef FT_SYSLOGC_H
#define FT_SYSLOGC_H

/* A sink for log_set_sink(): one line to /dev/log at priority prio
 * (LOG_INFO...), tagged and at the facility lib/log.c holds. A line the
 * socket cannot take at once is dropped, and the next one that gets
 * through says how many were. */
void syslogc_send(int prio, const char *label, const char *line);

#endif
