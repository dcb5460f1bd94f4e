/* daemon.h - becoming a daemon: background, pid file, sockets made with
 * the right owner and mode, dropping root, and removing at the stop only
 * what this daemon made. Shared by both daemons. */
#ifndef FT_DAEMON_H
#define FT_DAEMON_H

#include <stdbool.h>
#include <sys/types.h>

/* Open /dev/null on whichever of fds 0, 1 and 2 is closed, so that no
 * socket or file opened later takes their place (log lines written to
 * "stderr" would go into it); exits EX_OSERR when it cannot. Call first. */
void daemon_std_fds(void);

/* Fork into the background; keep_stderr for -l stderr. */
int daemon_detach(bool keep_stderr);

/* A file a daemon made on disk (its socket, its pid file), known by its
 * device and inode: at the stop only that file is removed, never one a
 * successor made under the same name meanwhile. */
struct ft_made {
    char *path;               /* NULL: nothing made */
    dev_t dev;
    ino_t ino;
};

/* Note the file now at path as ours; -1 logged. */
int daemon_made_note(struct ft_made *m, const char *path);

/* The socket file of a unix spec ("unix:/p", "local:/p"), just bound, as
 * ours; other kinds note nothing. -1 logged. */
int daemon_socket_note(const char *spec, struct ft_made *m);

/* Does its name still hold the file? */
bool daemon_made_here(const struct ft_made *m);

/* Remove the file if its name still holds it, and forget it. */
void daemon_made_remove(struct ft_made *m);

/* Write our pid to path as a new file, as the user we now are (after
 * the privilege drop); -1 logged. */
int daemon_pidfile_write(const char *path, struct ft_made *m);

/* What daemon_socket_begin() changed, for daemon_socket_end(). */
struct ft_sockmake {
    const char *path;         /* NULL: not a unix socket */
    mode_t umask;
    uid_t euid;
    gid_t egid;
    gid_t chgrp;              /* set after bind, without privileges */
};

/* Around the bind() of a unix socket spec: take the umask of mode (octal
 * text) and, as root, the ids of group ("" leaves it) and user (NULL
 * leaves it), so that the socket is born with its mode, user and group,
 * and nothing is changed by name afterwards in a directory the user owns
 * (where the name could meanwhile be a link). -1 logged. */
int daemon_socket_begin(const char *spec, const char *mode,
                        const char *group, const char *user,
                        struct ft_sockmake *sm);

/* After the bind(): our own ids and umask back. -1 logged. */
int daemon_socket_end(struct ft_sockmake *sm);

/* The directory of a unix socket spec must exist before we bind. */
int daemon_socket_dir_check(const char *spec);

/* setgid/initgroups/setuid to user. */
int daemon_drop_privileges(const char *user);

#endif
