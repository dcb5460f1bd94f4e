/* syslogc.h - a syslog client that never blocks the daemon. */
#ifndef FT_SYSLOGC_H
#define FT_SYSLOGC_H

/* Log lines go to /dev/log as ident[pid] with facility (LOG_MAIL...). */
void syslogc_open(const char *ident, int facility);
void syslogc_set_facility(int facility);

/* Send one line at priority prio (LOG_INFO...); a line the socket cannot
 * take at once is dropped, and the next one that gets through says how
 * many were. */
void syslogc_send(int prio, const char *line);

#endif
