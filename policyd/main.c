/* main.c - forcetls-policyd: command line, start-up and shutdown. A
 * configuration that cannot be loaded, or a socket that cannot be opened,
 * stops the start: fail closed. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "daemon.h"
#include "listen.h"
#include "log.h"
#include "startup.h"
#include "server.h"
#include "version.h"

#define PROG "forcetls-policyd"

/* One listener, its socket born owned by the user we become. */
static void open_one(const struct ft_startup *s, const struct ft_conf *conf,
                     const char *spec, enum ft_proto proto,
                     struct ft_listener *l)
{
    struct ft_sockmake sm;
    struct ft_err err;
    char text[1200];

    if (daemon_socket_dir_check(spec) != 0
        || daemon_socket_begin(spec, conf->policyd.socket_mode,
                               conf->policyd.socket_group, s->user, &sm) != 0)
        exit(EX_CONFIG);
    l->fd = listen_open(spec, &err);
    if (daemon_socket_end(&sm) != 0)
        exit(EX_OSERR);
    if (l->fd < 0)
        startup_fatal(EX_UNAVAILABLE, "cannot listen: %s",
                  err_text(&err, text, sizeof(text)));
    if (daemon_socket_note(spec, &l->made) != 0)
        exit(EX_OSERR);
    l->proto = proto;
    /* A copy: a reload frees the configuration the spec came from. */
    if ((l->spec = strdup(spec)) == NULL)
        startup_fatal(EX_OSERR, "out of memory");
    log_info("listening on %s (%s)", spec, proto_name(proto));
}

static struct ft_listener *open_all(const struct ft_startup *s,
                                    const struct ft_conf *conf, size_t *n)
{
    const struct ft_strv *pl = &conf->policyd.policy_listen;
    const struct ft_strv *tl = &conf->policyd.tlsmap_listen;
    struct ft_listener *ls;

    *n = pl->n + tl->n;
    if (*n == 0)
        startup_fatal(EX_CONFIG, "%s: policy_listen and tlsmap_listen are both "
                  "empty; there is nothing to serve", conf->path);
    if ((ls = calloc(*n, sizeof(*ls))) == NULL)
        startup_fatal(EX_OSERR, "out of memory");
    for (size_t i = 0; i < pl->n; i++)
        open_one(s, conf, pl->v[i], PROTO_POLICY, &ls[i]);
    for (size_t i = 0; i < tl->n; i++)
        open_one(s, conf, tl->v[i], PROTO_TLSMAP, &ls[pl->n + i]);
    return ls;
}

int main(int argc, char **argv)
{
    struct ft_startup s;
    struct ft_listener *ls;
    struct ft_conf *conf;
    size_t nls;
    int rc;

    daemon_std_fds();
    startup_parse(&s, PROG, false, argc, argv);
    startup_block_signals();
    conf = startup_load(&s);
    ls = open_all(&s, conf, &nls);
    startup_daemonize(&s);
    log_info("started " PROG " " FT_VERSION " with %s: %zu connectors",
             s.conf_path, conf->nconnectors);
    rc = server_run(conf, s.conf_path, ls, nls);
    log_info("stopped");
    daemon_made_remove(&s.pid_made);
    for (size_t i = 0; i < nls; i++) {
        daemon_made_remove(&ls[i].made);
        free(ls[i].spec);
    }
    free(ls);
    return rc;
}
