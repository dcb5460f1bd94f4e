/* postlog.h - log lines for Postfix's postlogd(8), the service that writes
 * maillog_file: the daemons' verdicts then land in the same file as
 * Postfix's own lines. */
#ifndef FT_POSTLOG_H
#define FT_POSTLOG_H

#include <stdbool.h>

/* Where postlogd listens on Debian: public/postlog in the queue. */
#define POSTLOG_DEFAULT_PATH "/var/spool/postfix/public/postlog"

/* Connect to the postlog socket at path (a unix datagram socket); -1 with
 * errno when it cannot be reached now (postlog_send tries again). */
int postlog_open(const char *path);

/* Send one record "Mmm dd hh:mm:ss host name[pid]: [label: ]line" as
 * Postfix's own programs do, tagged as lib/log.c says; false when postlogd
 * did not take it (the caller falls back to another sink, so no line is
 * lost). Never blocks. */
bool postlog_send(const char *label, const char *line);

#endif
