/* stopsig.h - which signal stopped libmilter's main loop. */
#ifndef FT_STOPSIG_H
#define FT_STOPSIG_H

/* The last signal other than SIGUSR1 a sigwait() in this process took
 * (libmilter's signal thread stops on SIGHUP, SIGTERM and SIGINT), or 0. */
int stopsig_last(void);

#endif
