/* listen.c - listening sockets for the configured specs; errors name the
 * spec and what to do. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "listen.h"

/* Postfix runs hundreds of smtpd processes that connect at once. */
#define LISTEN_BACKLOG 1024

static int listen_unix(const char *spec, const char *path, struct ft_err *err)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    struct stat st;
    int fd;

    if (strlen(path) >= sizeof(sun.sun_path)) {
        err_set(err, NULL, 0, "%s: the path is longer than %zu bytes", spec,
                sizeof(sun.sun_path) - 1);
        return -1;
    }
    memcpy(sun.sun_path, path, strlen(path) + 1);
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            err_set(err, NULL, 0, "%s: %s exists and is not a socket; "
                    "remove it or choose another path", spec, path);
            return -1;
        }
        unlink(path);
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0
        || listen(fd, LISTEN_BACKLOG) != 0) {
        err_set(err, NULL, 0, "%s: %s", spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* "HOST:PORT", the last ':' separating, "[::1]:PORT" for IPv6. */
static int split_host_port(const char *hp, char *host, size_t hlen,
                           const char **port)
{
    const char *colon = strrchr(hp, ':');
    size_t n;

    if (colon == NULL || colon[1] == '\0')
        return -1;
    n = (size_t)(colon - hp);
    if (n >= 2 && hp[0] == '[' && hp[n - 1] == ']')
        hp++, n -= 2;
    if (n == 0 || n >= hlen)
        return -1;
    memcpy(host, hp, n);
    host[n] = '\0';
    *port = colon + 1;
    return 0;
}

static int listen_inet(const char *spec, const char *hp, struct ft_err *err)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
    struct addrinfo *ai = NULL;
    const char *port;
    char host[256];
    int fd = -1, one = 1, rc;

    if (split_host_port(hp, host, sizeof(host), &port) != 0) {
        err_set(err, NULL, 0, "%s is not inet:HOST:PORT (e.g. "
                "inet:127.0.0.1:10040)", spec);
        return -1;
    }
    if ((rc = getaddrinfo(host, port, &hints, &ai)) != 0) {
        err_set(err, NULL, 0, "%s: %s", spec, gai_strerror(rc));
        return -1;
    }
    fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0
        || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0
        || bind(fd, ai->ai_addr, ai->ai_addrlen) != 0
        || listen(fd, LISTEN_BACKLOG) != 0) {
        err_set(err, NULL, 0, "%s: %s", spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    freeaddrinfo(ai);
    return fd;
}

int listen_open(const char *spec, struct ft_err *err)
{
    err->msg[0] = '\0';
    if (strncmp(spec, "unix:", 5) == 0)
        return listen_unix(spec, spec + 5, err);
    if (strncmp(spec, "inet:", 5) == 0)
        return listen_inet(spec, spec + 5, err);
    err_set(err, NULL, 0, "%s is not unix:/path or inet:HOST:PORT", spec);
    return -1;
}
