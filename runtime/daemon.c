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

int daemon_pidfile_write(const char *path)
{
    FILE *fp = fopen(path, "w");

    if (fp == NULL) {
        log_error("cannot write pid file %s: %s", path, strerror(errno));
        return -1;
    }
    fprintf(fp, "%ld\n", (long)getpid());
    if (fclose(fp) != 0) {
        log_error("cannot write pid file %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

void daemon_pidfile_remove(const char *path)
{
    if (path != NULL)
        unlink(path);
}

static const char *socket_path(const char *spec)
{
    if (strncmp(spec, "unix:", 5) == 0)
        return spec + 5;
    if (strncmp(spec, "local:", 6) == 0)
        return spec + 6;
    return NULL;
}

void daemon_socket_remove(const char *spec)
{
    const char *path = socket_path(spec);

    if (path != NULL && unlink(path) != 0 && errno != ENOENT)
        log_warn("cannot remove socket %s: %s", path, strerror(errno));
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

int daemon_socket_perms(const char *spec, const char *mode, const char *group,
                        const char *user)
{
    const char *path = socket_path(spec);
    uid_t uid = (uid_t)-1;
    gid_t gid = (gid_t)-1;

    if (path == NULL)
        return 0;
    if (group != NULL && *group != '\0') {
        struct group *gr = getgrnam(group);
        if (gr == NULL) {
            log_error("socket_group \"%s\" does not exist", group);
            return -1;
        }
        gid = gr->gr_gid;
    }
    if (user != NULL) {
        struct passwd *pw = getpwnam(user);
        if (pw == NULL) {
            log_error("user \"%s\" does not exist", user);
            return -1;
        }
        uid = pw->pw_uid;
    }
    if ((uid != (uid_t)-1 || gid != (gid_t)-1) && chown(path, uid, gid) != 0) {
        log_error("chown %s: %s", path, strerror(errno));
        return -1;
    }
    if (chmod(path, (mode_t)strtol(mode, NULL, 8)) != 0) {
        log_error("chmod %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
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
