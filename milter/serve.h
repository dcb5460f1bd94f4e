/* serve.h - libmilter's main loop in a thread of its own, so that the
 * main thread knows which signal stopped the milter, and a stop that
 * does not wait for libmilter's next look at its stop flag. */
#ifndef FT_MILTER_SERVE_H
#define FT_MILTER_SERVE_H

#include "daemon.h"

/* Run smfi_main() (after smfi_register and smfi_opensocket) in a new
 * thread; 0, or -1 when no thread can be made. */
int serve_start(void);

/* Wait for SIGHUP, SIGTERM or SIGINT: the signal, or 0 when libmilter
 * stopped on its own. */
int serve_wait(void);

/* Stop libmilter and wait until smfi_main() has returned; its result.
 * spec is the socket it listens on (libmilter syntax), sock its socket
 * file (none for inet:). */
int serve_stop(const char *spec, const struct ft_made *sock);

#endif
