/* startup.c - the daemons' common start: one command line, one fail-closed
 * first load, one way of becoming a daemon. */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "startup.h"
#include "version.h"

static void usage(const struct ft_startup *s, bool with_socket)
{
    fprintf(stderr, "usage: %s [-c FILE]%s [-u USER | -R] [-P PIDFILE] [-f] "
            "[-l syslog|stderr|postlog[:PATH]] [-n] [-V]\n", s->prog,
            with_socket ? " [-p SOCKET]" : "");
    exit(EX_USAGE);
}

void startup_parse(struct ft_startup *s, const char *prog, bool with_socket,
                   int argc, char **argv)
{
    int ch;

    memset(s, 0, sizeof(*s));
    s->prog = prog;
    s->conf_path = CONF_DEFAULT_PATH;
    s->sink = FT_LOG_SYSLOG;
    while ((ch = getopt(argc, argv, with_socket ? "c:p:u:RP:fl:nV"
                                                : "c:u:RP:fl:nV")) != -1) {
        switch (ch) {
        case 'c': s->conf_path = optarg; break;
        case 'p': s->socket = optarg; break;
        case 'u': s->user = optarg; break;
        case 'R': s->stay_root = true; break;
        case 'P': s->pidfile = optarg; break;
        case 'f': s->foreground = true; break;
        case 'n': s->check_only = true; break;
        case 'l':
            if (!logsink_parse(optarg, &s->sink))
                usage(s, with_socket);
            break;
        case 'V':
            printf("%s %s\n", prog, FT_VERSION);
            exit(EX_OK);
        default:
            usage(s, with_socket);
        }
    }
    if (optind != argc || (s->user != NULL && s->stay_root))
        usage(s, with_socket);
}

/* A daemon that stays root can read and write what its user could not;
 * Postfix's mail_owner must own nothing else either, so the daemons get a
 * user of their own (forcetls, in group postfix). -n runs as anyone. */
static void refuse_root(const struct ft_startup *s)
{
    static const char why[] = "refusing to run as root: give -u USER "
        "(forcetls, in group postfix, as the package makes it) to drop to it "
        "after opening the sockets, or -R to stay root on purpose";

    if (geteuid() != 0 || s->user != NULL || s->stay_root)
        return;
    /* Said on the terminal too when the log goes to syslog. */
    if (s->sink != FT_LOG_STDERR)
        fprintf(stderr, "%s: %s\n", s->prog, why);
    startup_fatal(EX_USAGE, "%s", why);
}

/* A daemon works from "/", so a relative -c would break reloads. */
static void make_absolute(struct ft_startup *s)
{
    static char abs[PATH_MAX];

    if (s->conf_path[0] != '/' && realpath(s->conf_path, abs) != NULL)
        s->conf_path = abs;
}

struct load_job {
    const char *path;
    struct ft_conf *conf;
    struct ft_err err;
};

static void *load_main(void *arg)
{
    struct load_job *j = arg;

    j->conf = conf_load(j->path, &j->err);
    return NULL;
}

/* The first load runs in a thread of its own, as reloads do, so that no
 * configuration's memory comes from the main thread's malloc arena: the
 * event loop allocates there, and giving a large configuration's memory
 * back after a reload (conf_free) would hold that arena's lock for
 * milliseconds. */
static struct ft_conf *load_apart(const char *path, struct ft_err *err)
{
    struct load_job j = { .path = path };
    pthread_t tid;

    if (pthread_create(&tid, NULL, load_main, &j) != 0)
        return conf_load(path, err);
    pthread_join(tid, NULL);
    *err = j.err;
    return j.conf;
}

struct ft_conf *startup_load(struct ft_startup *s)
{
    struct ft_err err;
    struct ft_conf *conf;
    char text[1200];

    logsink_open(s->prog, s->check_only ? FT_LOG_STDERR : s->sink);
    if ((conf = load_apart(s->conf_path, &err)) == NULL) {
        err_text(&err, text, sizeof(text));
        if (s->check_only) {
            fprintf(stderr, "%s: %s\n", s->prog, text);
            exit(EX_CONFIG);
        }
        startup_fatal(EX_CONFIG, "%s", text);
    }
    if (s->check_only) {
        conf_unref(conf);
        exit(EX_OK);
    }
    refuse_root(s);
    log_set_facility(conf->syslog_facility);
    make_absolute(s);
    return conf;
}

void startup_daemonize(struct ft_startup *s)
{
    if (!s->foreground && daemon_detach(s->sink == FT_LOG_STDERR) != 0)
        startup_fatal(EX_OSERR, "cannot detach: %s", strerror(errno));
    if (s->user != NULL && daemon_drop_privileges(s->user) != 0)
        exit(EX_NOPERM);
    if (s->pidfile != NULL && daemon_pidfile_write(s->pidfile, &s->pid_made)
                                  != 0)
        exit(EX_CANTCREAT);
}

void startup_signal_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGUSR1);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGINT);
}

void startup_block_signals(void)
{
    sigset_t set;

    startup_signal_set(&set);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
        startup_fatal(EX_OSERR, "cannot block signals");
}

struct ft_conf *startup_reload(const char *path)
{
    struct ft_err err;
    struct ft_conf *conf;
    char text[1200];

    if ((conf = conf_load(path, &err)) == NULL) {
        log_error("reload failed, keeping the previous configuration: %s",
                  err_text(&err, text, sizeof(text)));
        return NULL;
    }
    log_set_facility(conf->syslog_facility);
    log_info("configuration reloaded from %s: %zu connectors", path,
             conf->nconnectors);
    return conf;
}

void startup_fatal(int status, const char *fmt, ...)
{
    char line[4096];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    log_crit("%s", line);
    exit(status);
}
