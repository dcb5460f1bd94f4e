/* stopsig.c - libmilter's signal thread stops the milter on SIGHUP exactly
 * as on SIGTERM and says nothing, yet an administrator's habit is kill
 * -HUP for a reload. libmilter waits with sigwait(), which it calls
 * through the dynamic linker, so this definition of sigwait() (the same
 * behaviour, on top of sigwaitinfo()) notes the signal, and the stop can
 * say that SIGHUP stopped it and that SIGUSR1 reloads. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>

#include "stopsig.h"

static int stop_signal;

int sigwait(const sigset_t *set, int *sig)
{
    int s;

    /* sigwait() is not interrupted by a handled signal; sigwaitinfo() is. */
    while ((s = sigwaitinfo(set, NULL)) < 0)
        if (errno != EINTR)
            return errno;
    if (s != SIGUSR1)
        __atomic_store_n(&stop_signal, s, __ATOMIC_RELAXED);
    *sig = s;
    return 0;
}

int stopsig_last(void)
{
    return __atomic_load_n(&stop_signal, __ATOMIC_RELAXED);
}
