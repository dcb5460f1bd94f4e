/* listen.c - the milter's socket. libmilter removes at its stop whatever
 * socket has the name it bound, a successor's too (a restart by hand then
 * left Postfix no milter), so libmilter binds a name of our own beside
 * the public one and the socket is renamed into place: libmilter never
 * knows the public name, the rename replaces a stale socket at once, and
 * the stop removes the public name only while it still holds ours. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

#include "listen.h"
#include "log.h"
#include "startup.h"

/* "unix:/d/milter.sock" -> "/d/milter.sock" and "unix:/d/.milter.sock.PID";
 * false for a spec that names no file (inet:). */
static bool aside(const char *spec, const char **path, char *out, size_t len)
{
    const char *slash, *base;
    int n, dirlen;

    if (strncmp(spec, "unix:", 5) == 0)
        *path = spec + 5;
    else if (strncmp(spec, "local:", 6) == 0)
        *path = spec + 6;
    else
        return false;
    slash = strrchr(*path, '/');
    base = slash != NULL ? slash + 1 : *path;
    dirlen = (int)(base - *path);
    n = snprintf(out, len, "unix:%.*s.%s.%ld", dirlen, *path, base,
                 (long)getpid());
    if (n < 0 || (size_t)n >= len)
        startup_fatal(EX_CONFIG, "%s: the socket path is too long", spec);
    return true;
}

/* The public name may hold a stale socket, never anything else. */
static void check_in_the_way(const char *spec, const char *path)
{
    struct stat st;

    if (lstat(path, &st) == 0 && !S_ISSOCK(st.st_mode))
        startup_fatal(EX_CONFIG, "%s: %s exists and is not a socket; remove "
                      "it or choose another path", spec, path);
}

static void bind_as(const char *conn, const char *spec)
{
    if (smfi_setconn((char *)conn) != MI_SUCCESS
        || smfi_opensocket(true) != MI_SUCCESS)
        startup_fatal(EX_UNAVAILABLE, "cannot listen on %s", spec);
}

void listen_open(const char *spec, const char *mode, const char *group,
                 const char *user, struct ft_made *made)
{
    char conn[4200];
    const char *path;
    struct ft_sockmake sm;
    bool moved = true;

    if (daemon_socket_dir_check(spec) != 0)
        exit(EX_CONFIG);
    if (!aside(spec, &path, conn, sizeof(conn))) {
        bind_as(spec, spec);
        return;
    }
    check_in_the_way(spec, path);
    if (daemon_socket_begin(spec, mode, group, user, &sm) != 0)
        exit(EX_CONFIG);
    bind_as(conn, spec);
    if (rename(conn + 5, path) != 0) {
        log_error("cannot move %s to %s: %s", conn + 5, path,
                  strerror(errno));
        moved = false;
    }
    if (daemon_socket_end(&sm) != 0 || !moved
        || daemon_made_note(made, path) != 0)
        exit(EX_OSERR);
}
