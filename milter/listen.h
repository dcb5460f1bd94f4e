/* listen.h - the milter's listening socket, made under a name of its own
 * and moved into place. */
#ifndef FT_MILTER_LISTEN_H
#define FT_MILTER_LISTEN_H

#include "daemon.h"

/* Listen on spec (libmilter syntax) with the socket born mode, group and
 * user (as daemon_socket_begin() says); *made is the socket file at its
 * public name. Exits on failure, as start-up does. */
void listen_open(const char *spec, const char *mode, const char *group,
                 const char *user, struct ft_made *made);

#endif
