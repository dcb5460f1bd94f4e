/* main.c - forcetls-milter: command line, start-up and shutdown. A
 * configuration that cannot be loaded stops the start: fail closed. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

#include "callbacks.h"
#include "current.h"
#include "daemon.h"
#include "log.h"
#include "version.h"

#define PROG "forcetls-milter"

struct options {
    const char *conf_path;
    const char *socket;
    const char *user;
    const char *pidfile;
    bool foreground;
    bool check_only;
    enum ft_log_sink sink;
};

static void usage(void)
{
    fprintf(stderr, "usage: " PROG " [-c FILE] [-p SOCKET] [-u USER] "
            "[-P PIDFILE] [-f] [-l syslog|stderr] [-n] [-V]\n");
    exit(EX_USAGE);
}

static void parse_args(int argc, char **argv, struct options *o)
{
    int ch;

    o->conf_path = SYSCONFDIR "/forcetls/forcetls.conf";
    o->sink = FT_LOG_SYSLOG;
    while ((ch = getopt(argc, argv, "c:p:u:P:fl:nV")) != -1) {
        switch (ch) {
        case 'c': o->conf_path = optarg; break;
        case 'p': o->socket = optarg; break;
        case 'u': o->user = optarg; break;
        case 'P': o->pidfile = optarg; break;
        case 'f': o->foreground = true; break;
        case 'n': o->check_only = true; break;
        case 'l':
            if (!log_sink_parse(optarg, &o->sink))
                usage();
            break;
        case 'V':
            printf(PROG " " FT_VERSION "\n");
            exit(EX_OK);
        default:
            usage();
        }
    }
    if (optind != argc)
        usage();
}

/* The daemon works from "/", so a relative -c would break reloads. */
static void absolute_conf_path(struct options *o)
{
    static char abs[PATH_MAX];

    if (o->conf_path[0] != '/' && realpath(o->conf_path, abs) != NULL)
        o->conf_path = abs;
}

static struct ft_conf *load_or_exit(const struct options *o)
{
    struct ft_err err;
    struct ft_conf *conf;
    char text[1200];

    if ((conf = conf_load(o->conf_path, &err)) == NULL) {
        if (o->check_only)
            fprintf(stderr, PROG ": %s\n", err_text(&err, text, sizeof(text)));
        else
            log_fatal(EX_CONFIG, "%s", err_text(&err, text, sizeof(text)));
        exit(EX_CONFIG);
    }
    return conf;
}

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

/* Every thread blocks the signals that libmilter's signal thread and ours
 * wait for, or the default action of one landing elsewhere kills us. */
static int start_reload_thread(const char *path)
{
    pthread_t tid;
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0
        || pthread_create(&tid, NULL, reload_thread, (void *)path) != 0)
        return -1;
    pthread_detach(tid);
    return 0;
}

static void open_socket(const struct options *o, const struct ft_conf *conf)
{
    const char *spec = o->socket != NULL ? o->socket : conf->milter.socket;

    if (daemon_socket_dir_check(spec) != 0)
        exit(EX_CONFIG);
    if (callbacks_register() != 0)
        log_fatal(EX_SOFTWARE, "smfi_register failed");
    if (smfi_setconn((char *)spec) != MI_SUCCESS
        || smfi_opensocket(true) != MI_SUCCESS)
        log_fatal(EX_UNAVAILABLE, "cannot listen on %s", spec);
    if (daemon_socket_perms(spec, conf->milter.socket_mode,
                            conf->milter.socket_group, o->user) != 0)
        exit(EX_CONFIG);
    log_info("listening on %s", spec);
}

int main(int argc, char **argv)
{
    struct options o = { 0 };
    struct ft_conf *conf;
    int rc;

    parse_args(argc, argv, &o);
    if (log_init(PROG, o.check_only ? FT_LOG_STDERR : o.sink, "mail") != 0)
        return EX_SOFTWARE;
    conf = load_or_exit(&o);
    absolute_conf_path(&o);
    if (o.check_only) {
        conf_unref(conf);
        return EX_OK;
    }
    log_set_facility(conf->syslog_facility);
    open_socket(&o, conf);
    if (!o.foreground && daemon_detach(o.sink == FT_LOG_STDERR) != 0)
        log_fatal(EX_OSERR, "cannot detach: %s", strerror(errno));
    if (o.pidfile != NULL && daemon_pidfile_write(o.pidfile) != 0)
        return EX_CANTCREAT;
    if (o.user != NULL && daemon_drop_privileges(o.user) != 0)
        return EX_NOPERM;
    current_set(conf);
    if (start_reload_thread(o.conf_path) != 0)
        log_fatal(EX_OSERR, "cannot start the reload thread");
    log_info("started " PROG " " FT_VERSION " with %s: %zu connectors",
             o.conf_path, conf->nconnectors);
    rc = smfi_main();
    log_info("stopping");
    current_clear();
    daemon_pidfile_remove(o.pidfile);
    return rc == MI_SUCCESS ? EX_OK : EX_SOFTWARE;
}
