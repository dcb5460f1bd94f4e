/* main.c - forcetls-policyd: command line, start-up and shutdown. A
 * configuration that cannot be loaded, or a socket that cannot be opened,
 * stops the start: fail closed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "daemon.h"
#include "listen.h"
#include "log.h"
#include "server.h"
#include "version.h"

#define PROG "forcetls-policyd"

struct options {
    const char *conf_path;
    const char *user;
    const char *pidfile;
    bool foreground;
    bool check_only;
    enum ft_log_sink sink;
};

static void usage(void)
{
    fprintf(stderr, "usage: " PROG " [-c FILE] [-u USER] [-P PIDFILE] [-f] "
            "[-l syslog|stderr] [-n] [-V]\n");
    exit(EX_USAGE);
}

static void parse_args(int argc, char **argv, struct options *o)
{
    int ch;

    o->conf_path = SYSCONFDIR "/forcetls/forcetls.conf";
    o->sink = FT_LOG_SYSLOG;
    while ((ch = getopt(argc, argv, "c:u:P:fl:nV")) != -1) {
        switch (ch) {
        case 'c': o->conf_path = optarg; break;
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

/* One listener, its socket owned by the user we become. */
static void open_one(const struct options *o, const struct ft_conf *conf,
                     const char *spec, enum ft_proto proto,
                     struct ft_listener *l)
{
    struct ft_err err;
    char text[1200];

    if (daemon_socket_dir_check(spec) != 0)
        exit(EX_CONFIG);
    if ((l->fd = listen_open(spec, &err)) < 0)
        log_fatal(EX_UNAVAILABLE, "cannot listen: %s",
                  err_text(&err, text, sizeof(text)));
    if (daemon_socket_perms(spec, conf->policyd.socket_mode,
                            conf->policyd.socket_group, o->user) != 0)
        exit(EX_CONFIG);
    l->proto = proto;
    /* A copy: a reload frees the configuration the spec came from. */
    if ((l->spec = strdup(spec)) == NULL)
        log_fatal(EX_OSERR, "out of memory");
    log_info("listening on %s (%s)", spec, proto_name(proto));
}

static struct ft_listener *open_all(const struct options *o,
                                    const struct ft_conf *conf, size_t *n)
{
    const struct ft_strv *pl = &conf->policyd.policy_listen;
    const struct ft_strv *tl = &conf->policyd.tlsmap_listen;
    struct ft_listener *ls;

    *n = pl->n + tl->n;
    if (*n == 0)
        log_fatal(EX_CONFIG, "%s: policy_listen and tlsmap_listen are both "
                  "empty; there is nothing to serve", conf->path);
    if ((ls = calloc(*n, sizeof(*ls))) == NULL)
        log_fatal(EX_OSERR, "out of memory");
    for (size_t i = 0; i < pl->n; i++)
        open_one(o, conf, pl->v[i], PROTO_POLICY, &ls[i]);
    for (size_t i = 0; i < tl->n; i++)
        open_one(o, conf, tl->v[i], PROTO_TLSMAP, &ls[pl->n + i]);
    return ls;
}

int main(int argc, char **argv)
{
    struct options o = { 0 };
    struct ft_listener *ls;
    struct ft_conf *conf;
    size_t nls;
    int rc;

    parse_args(argc, argv, &o);
    if (log_init(PROG, o.check_only ? FT_LOG_STDERR : o.sink, "mail") != 0)
        return EX_SOFTWARE;
    conf = load_or_exit(&o);
    if (o.check_only) {
        conf_unref(conf);
        return EX_OK;
    }
    log_set_facility(conf->syslog_facility);
    ls = open_all(&o, conf, &nls);
    if (!o.foreground && daemon_detach(o.sink == FT_LOG_STDERR) != 0)
        log_fatal(EX_OSERR, "cannot detach: %s", strerror(errno));
    if (o.pidfile != NULL && daemon_pidfile_write(o.pidfile) != 0)
        return EX_CANTCREAT;
    if (o.user != NULL && daemon_drop_privileges(o.user) != 0)
        return EX_NOPERM;
    log_info("started " PROG " " FT_VERSION " with %s: %zu connectors",
             o.conf_path, conf->nconnectors);
    rc = server_run(conf, o.conf_path, ls, nls);
    log_info("stopped");
    daemon_pidfile_remove(o.pidfile);
    for (size_t i = 0; i < nls; i++)
        free(ls[i].spec);
    free(ls);
    return rc;
}
