/* server.h - the event loop: every listener and connection in one epoll
 * set, with signals and timeouts, in one thread. */
#ifndef FT_POLICYD_SERVER_H
#define FT_POLICYD_SERVER_H

#include <stddef.h>

#include "conf.h"
#include "daemon.h"
#include "conn.h"

struct ft_listener {
    int fd;
    enum ft_proto proto;
    char *spec;                   /* as configured, for logs */
    struct ft_made made;          /* its socket file, removed at the stop */
};

/* Serve until SIGTERM or SIGINT; SIGHUP and SIGUSR1 reload conf_path (a
 * bad file keeps the rules in force). Takes over conf and the listeners.
 * Returns a sysexits code. */
int server_run(struct ft_conf *conf, const char *conf_path,
               struct ft_listener *ls, size_t nls);

#endif
