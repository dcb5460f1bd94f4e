/* main.c - forcetls-milter: command line, start-up and shutdown. A
 * configuration that cannot be loaded stops the start: fail closed. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <libmilter/mfapi.h>

#include "callbacks.h"
#include "current.h"
#include "daemon.h"
#include "listen.h"
#include "log.h"
#include "sessions.h"
#include "startup.h"
#include "serve.h"
#include "version.h"

#define PROG "forcetls-milter"

/* libmilter's own signal thread treats SIGHUP as a stop, so reloads come
 * on SIGUSR1, waited for by a thread of ours. */
static void *reload_thread(void *arg)
{
    const char *path = arg;
    sigset_t set;
    int sig;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    for (;;) {
        if (sigwait(&set, &sig) == 0 && sig == SIGUSR1)
            current_reload(path);
    }
    return NULL;
}

static int start_reload_thread(const char *path)
{
    pthread_t tid;

    if (pthread_create(&tid, NULL, reload_thread, (void *)path) != 0)
        return -1;
    pthread_detach(tid);
    return 0;
}

/* An administrator who meant a reload must learn it was a stop. */
static void log_stop(int sig)
{
    if (sig == SIGHUP)
        log_warn("stopping on SIGHUP: libmilter treats SIGHUP as a stop; "
                 "forcetls-milter reloads its configuration on SIGUSR1 "
                 "(systemctl reload forcetls-milter)");
    else
        log_info("stopping");
}

int main(int argc, char **argv)
{
    struct ft_startup s;
    struct ft_conf *conf;
    struct ft_made sock = { 0 };
    char *spec;
    int rc, stop;

    daemon_std_fds();
    startup_parse(&s, PROG, true, argc, argv);
    startup_block_signals();
    conf = startup_load(&s);
    /* A copy, for the stop: a reload frees the configuration. */
    if ((spec = strdup(s.socket != NULL ? s.socket : conf->milter.socket))
        == NULL)
        startup_fatal(EX_OSERR, "out of memory");
    if (callbacks_register() != 0)
        startup_fatal(EX_SOFTWARE, "smfi_register failed");
    listen_open(spec, conf->milter.socket_mode, conf->milter.socket_group,
                s.user, &sock);
    log_info("listening on %s", spec);
    startup_daemonize(&s);
    current_set(conf);
    if (start_reload_thread(s.conf_path) != 0)
        startup_fatal(EX_OSERR, "cannot start the reload thread");
    log_info("started " PROG " " FT_VERSION " with %s: %zu connectors",
             s.conf_path, conf->nconnectors);
    if (serve_start() != 0)
        startup_fatal(EX_OSERR, "cannot start serving");
    stop = serve_wait();
    log_stop(stop);
    rc = serve_stop(spec, &sock);
    sessions_stop();
    current_clear();
    daemon_made_remove(&sock);
    free(spec);
    daemon_made_remove(&s.pid_made);
    /* A stop that comes while libmilter's listener starts can close the
     * listening socket between the listener's look at the stop flag and
     * its look at the socket; smfi_main() then reports a failure
     * ("listenfd=-1 corrupted"). The stop was asked for: it is one. */
    return rc == MI_SUCCESS || stop != 0 ? EX_OK : EX_SOFTWARE;
}
