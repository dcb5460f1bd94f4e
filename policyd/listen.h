/* listen.h - listening sockets from "unix:/path" and "inet:HOST:PORT". */
#ifndef FT_POLICYD_LISTEN_H
#define FT_POLICYD_LISTEN_H

#include "err.h"

/* A non-blocking listening socket for spec; -1 with err set. A stale unix
 * socket file is replaced; any other file in the way is an error. */
int listen_open(const char *spec, struct ft_err *err);

#endif
