/* daemon.c - background, pid file, socket permissions and privileges;
 * each failure is logged with what to fix. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

void daemon_std_fds(void)
{
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        /* open() takes the lowest free number: this one. */
        if (open("/dev/null", O_RDWR) != fd)
            _exit(EX_OSERR);
    }
}

int daemon_detach(bool keep_stderr)
{
    pid_t pid = fork();
    int fd;

    if (pid < 0) {
        log_error("fork: %s", strerror(errno));
        return -1;
    }
    if (pid > 0)
        _exit(0);
    setsid();
    if (chdir("/") != 0)
        return -1;
    if ((fd = open("/dev/null", O_RDWR)) < 0)
        return -1;
    dup2(fd, STDIN_FILENO);
    dup2(fd, STDOUT_FILENO);
    if (!keep_stderr)
        dup2(fd, STDERR_FILENO);
    if (fd > STDERR_FILENO)
        close(fd);
    return 0;
}

/* Our user's name, for messages. */
static const char *whoami(void)
{
    struct passwd *pw = getpwuid(geteuid());

    return pw != NULL ? pw->pw_name : "this user";
}

int daemon_made_note(struct ft_made *m, const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0) {
        log_error("%s: %s", path, strerror(errno));
        return -1;
    }
    if ((m->path = strdup(path)) == NULL) {
        log_error("out of memory");
        return -1;
    }
    m->dev = st.st_dev;
    m->ino = st.st_ino;
    return 0;
}

bool daemon_made_here(const struct ft_made *m)
{
    struct stat st;

    return m->path != NULL && lstat(m->path, &st) == 0 && st.st_dev == m->dev
        && st.st_ino == m->ino;
}

/* The name may now hold another daemon's file (a successor started
 * while we stopped): only our own is removed. */
void daemon_made_remove(struct ft_made *m)
{
    if (m->path == NULL)
        return;
    if (daemon_made_here(m) && unlink(m->path) != 0)
        log_warn("cannot remove %s: %s", m->path, strerror(errno));
    free(m->path);
    m->path = NULL;
}

/* Written as the user the daemon runs as, after the privilege drop, to a
 * new file renamed into place: a link planted at the name is replaced,
 * never written through, and the file's inode is new while the one it
 * replaces still exists, so a predecessor's stop cannot take it for its
 * own. */
int daemon_pidfile_write(const char *path, struct ft_made *m)
{
    char line[32], tmp[4096];
    int fd, n = snprintf(line, sizeof(line), "%ld\n", (long)getpid());

    if (snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid())
            >= (int)sizeof(tmp)
        || (fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW
                               | O_CLOEXEC, 0644)) < 0) {
        log_error("cannot write pid file %s as %s: %s; give a directory "
                  "that user may write, as the units' RuntimeDirectory= "
                  "makes /run/forcetls", path, whoami(), strerror(errno));
        return -1;
    }
    if (write(fd, line, (size_t)n) != n || close(fd) != 0
        || rename(tmp, path) != 0) {
        log_error("cannot write pid file %s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return daemon_made_note(m, path);
}

static const char *socket_path(const char *spec)
{
    if (strncmp(spec, "unix:", 5) == 0)
        return spec + 5;
    if (strncmp(spec, "local:", 6) == 0)
        return spec + 6;
    return NULL;
}

int daemon_socket_note(const char *spec, struct ft_made *m)
{
    const char *path = socket_path(spec);

    return path != NULL ? daemon_made_note(m, path) : 0;
}

int daemon_socket_dir_check(const char *spec)
{
    const char *path = socket_path(spec);
    char copy[4096];
    struct stat st;

    if (path == NULL)
        return 0;
    snprintf(copy, sizeof(copy), "%s", path);
    if (stat(dirname(copy), &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(copy, sizeof(copy), "%s", path);
        log_error("socket directory %s does not exist; create it (readable "
                  "by Postfix) or change the socket", dirname(copy));
        return -1;
    }
    return 0;
}

/* The ids of group and user ("" or NULL: leave as they are). */
static int lookup_ids(const char *group, const char *user, gid_t *gid,
                      uid_t *uid)
{
    struct group *gr;
    struct passwd *pw;

    *gid = (gid_t)-1;
    *uid = (uid_t)-1;
    if (group != NULL && *group != '\0') {
        if ((gr = getgrnam(group)) == NULL) {
            log_error("socket_group \"%s\" does not exist", group);
            return -1;
        }
        *gid = gr->gr_gid;
    }
    if (user != NULL) {
        if ((pw = getpwnam(user)) == NULL) {
            log_error("user \"%s\" does not exist", user);
            return -1;
        }
        *uid = pw->pw_uid;
    }
    return 0;
}

/* As root the socket is made with the user's and the group's ids and the
 * mode's umask, so that nothing is changed by name afterwards in a
 * directory the user owns (where the name could be swapped for a link). */
int daemon_socket_begin(const char *spec, const char *mode,
                        const char *group, const char *user,
                        struct ft_sockmake *sm)
{
    gid_t gid;
    uid_t uid;

    memset(sm, 0, sizeof(*sm));
    sm->chgrp = (gid_t)-1;
    if ((sm->path = socket_path(spec)) == NULL)
        return 0;
    if (lookup_ids(group, user, &gid, &uid) != 0) {
        sm->path = NULL;
        return -1;
    }
    sm->umask = umask(~(mode_t)strtol(mode, NULL, 8) & 0777);
    sm->egid = getegid();
    sm->euid = geteuid();
    if (sm->euid != 0) {
        /* Without privileges there is nothing to abuse: the group is set
         * after bind(), as any owner may. */
        sm->chgrp = gid;
        return 0;
    }
    if ((gid != (gid_t)-1 && setegid(gid) != 0)
        || (uid != (uid_t)-1 && seteuid(uid) != 0)) {
        log_error("cannot take the ids of socket_group \"%s\" and user "
                  "\"%s\": %s", group, user != NULL ? user : "",
                  strerror(errno));
        daemon_socket_end(sm);
        return -1;
    }
    return 0;
}

int daemon_socket_end(struct ft_sockmake *sm)
{
    int rc = 0;

    if (sm->path == NULL)
        return 0;
    if (geteuid() != sm->euid && seteuid(sm->euid) != 0)
        rc = -1;
    if (getegid() != sm->egid && setegid(sm->egid) != 0)
        rc = -1;
    umask(sm->umask);
    if (rc != 0)
        log_error("cannot take back our own ids: %s", strerror(errno));
    else if (sm->chgrp != (gid_t)-1
             && fchownat(AT_FDCWD, sm->path, (uid_t)-1, sm->chgrp,
                         AT_SYMLINK_NOFOLLOW) != 0) {
        log_error("chgrp %s: %s", sm->path, strerror(errno));
        rc = -1;
    }
    sm->path = NULL;
    return rc;
}

int daemon_drop_privileges(const char *user)
{
    struct passwd *pw = getpwnam(user);

    if (pw == NULL) {
        log_error("user \"%s\" does not exist", user);
        return -1;
    }
    if (setgid(pw->pw_gid) != 0 || initgroups(user, pw->pw_gid) != 0
        || setuid(pw->pw_uid) != 0) {
        log_error("cannot become user %s: %s", user, strerror(errno));
        return -1;
    }
    return 0;
}
