/* sockmatch.c - sockets as libmilter, forcetls-policyd and Postfix write
 * them, reduced to one form: an absolute path, or a host and a port. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sockmatch.h"

static bool set_path(struct sock *s, const char *dir, const char *path)
{
    int n;

    memset(s, 0, sizeof(*s));
    s->is_unix = true;
    if (dir != NULL)
        n = snprintf(s->path, sizeof(s->path), "%s/%s", dir,
                     path + (*path == '/'));
    else
        n = snprintf(s->path, sizeof(s->path), "%s", path);
    return *path != '\0' && n > 0 && (size_t)n < sizeof(s->path);
}

static bool set_inet(struct sock *s, const char *host, size_t hlen,
                     const char *port)
{
    memset(s, 0, sizeof(*s));
    /* "[::1]" and "localhost" name the same listener as "::1", 127.0.0.1. */
    if (hlen >= 2 && host[0] == '[' && host[hlen - 1] == ']')
        host++, hlen -= 2;
    if (hlen == 9 && strncasecmp(host, "localhost", 9) == 0)
        host = "127.0.0.1", hlen = 9;
    if ((hlen == 7 && strncmp(host, "0.0.0.0", 7) == 0)
        || (hlen == 2 && strncmp(host, "::", 2) == 0))
        hlen = 0;
    return hlen < sizeof(s->host) && *port != '\0'
        && snprintf(s->host, sizeof(s->host), "%.*s", (int)hlen, host) >= 0
        && snprintf(s->port, sizeof(s->port), "%s", port)
               < (int)sizeof(s->port);
}

bool sock_from_libmilter(const char *spec, struct sock *s)
{
    const char *at;

    if (strncmp(spec, "unix:", 5) == 0 || strncmp(spec, "local:", 6) == 0)
        return set_path(s, NULL, strchr(spec, ':') + 1);
    if (strncmp(spec, "inet:", 5) == 0 || strncmp(spec, "inet6:", 6) == 0) {
        char port[32];
        spec = strchr(spec, ':') + 1;
        at = strchr(spec, '@');
        snprintf(port, sizeof(port), "%.*s",
                 (int)(at ? (size_t)(at - spec) : strlen(spec)), spec);
        return at != NULL ? set_inet(s, at + 1, strlen(at + 1), port)
                          : set_inet(s, "", 0, port);
    }
    return false;
}

/* "inet:HOST:PORT": the port follows the last colon (IPv6 hosts). */
static bool inet_host_port(const char *rest, struct sock *s)
{
    const char *colon = strrchr(rest, ':');

    return colon != NULL && set_inet(s, rest, (size_t)(colon - rest),
                                     colon + 1);
}

bool sock_from_listen(const char *spec, struct sock *s)
{
    if (strncmp(spec, "unix:", 5) == 0)
        return set_path(s, NULL, spec + 5);
    if (strncmp(spec, "inet:", 5) == 0)
        return inet_host_port(spec + 5, s);
    return false;
}

bool sock_from_postfix(const char *spec, const char *queue_dir, bool chroot,
                       struct sock *s)
{
    if (strncmp(spec, "unix:", 5) == 0) {
        spec += 5;
        return set_path(s, *spec != '/' || chroot ? queue_dir : NULL, spec);
    }
    if (strncmp(spec, "inet:", 5) == 0)
        return inet_host_port(spec + 5, s);
    return false;
}

bool sock_same(const struct sock *ours, const struct sock *postfix)
{
    if (ours->is_unix != postfix->is_unix)
        return false;
    if (ours->is_unix)
        return strcmp(ours->path, postfix->path) == 0;
    return strcmp(ours->port, postfix->port) == 0
        && (ours->host[0] == '\0' || strcmp(ours->host, postfix->host) == 0);
}

/* Postfix daemons run with the queue directory as working directory, and
 * a chrooted one has it as "/" too: a path relative to it is the one
 * spelling both reach. */
bool sock_postfix_spelling(const struct sock *s, const char *queue_dir,
                           char *out, size_t len)
{
    size_t qlen = strlen(queue_dir);

    while (qlen > 1 && queue_dir[qlen - 1] == '/')
        qlen--;
    if (!s->is_unix) {
        snprintf(out, len, "inet:%s:%s", *s->host ? s->host : "127.0.0.1",
                 s->port);
        return true;
    }
    if (qlen > 0 && strncmp(s->path, queue_dir, qlen) == 0
        && s->path[qlen] == '/' && s->path[qlen + 1] != '\0') {
        snprintf(out, len, "unix:%s", s->path + qlen + 1);
        return true;
    }
    snprintf(out, len, "unix:%s", s->path);
    return false;
}
