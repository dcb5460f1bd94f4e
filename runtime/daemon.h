/* daemon.h - becoming a daemon: background, pid file, socket permissions,
 * dropping root. Shared by both daemons. */
#ifndef FT_DAEMON_H
#define FT_DAEMON_H

#include <stdbool.h>

/* Open /dev/null on whichever of fds 0, 1 and 2 is closed, so that no
 * socket or file opened later takes their place (log lines written to
 * "stderr" would go into it); exits EX_OSERR when it cannot. Call first. */
void daemon_std_fds(void);

/* Fork into the background; keep_stderr for -l stderr. */
int daemon_detach(bool keep_stderr);

/* Write our pid to path; removed by daemon_pidfile_remove(). */
int daemon_pidfile_write(const char *path);
void daemon_pidfile_remove(const char *path);

/* chmod/chgrp a unix socket ("unix:/p" or "local:/p"); other kinds are
 * left alone. mode is octal text; group may be "" for "leave it". */
int daemon_socket_perms(const char *spec, const char *mode, const char *group,
                        const char *user);

/* Remove a unix socket ("unix:/p" or "local:/p") on the way out, so that
 * none is left for Postfix to connect to; other kinds are left alone. */
void daemon_socket_remove(const char *spec);

/* The directory of a unix socket spec must exist before we bind. */
int daemon_socket_dir_check(const char *spec);

/* setgid/initgroups/setuid to user. */
int daemon_drop_privileges(const char *user);

#endif
