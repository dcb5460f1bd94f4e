/* conf.c - forcetls.conf loaded: one parse, each connector compiled as it
 * closes, then what takes the whole file (pins, lookup indexes); a file
 * with any error yields no configuration at all, never half of one. */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "conf_file.h"
#include "conf_schema.h"
#include "connector_compile.h"
#include "domain.h"
#include "fingerprint.h"

static int index_patterns(struct ft_domainmap *map, const struct ft_strv *sv,
                          unsigned idx)
{
    for (size_t i = 0; i < sv->n; i++) {
        bool wildcard;
        const char *base = domain_pattern_base(sv->v[i], &wildcard);

        if (domainmap_add(map, base, wildcard, idx) != 0)
            return -1;
    }
    return 0;
}

/* Two outbound connectors cannot both own one domain: Postfix gets one
 * policy per key. */
static int index_outbound(struct ft_conf *conf, const struct ft_connector *c,
                          struct ft_err *err)
{
    for (size_t i = 0; i < c->recipient_domains.n; i++) {
        const char *p = c->recipient_domains.v[i];
        bool wildcard;
        const char *base = domain_pattern_base(p, &wildcard);
        size_t n;
        const unsigned *owners = domainmap_get(conf->out_recipient, base,
                                               wildcard, &n);

        if (owners != NULL && owners[0] != c->index) {
            const struct ft_connector *o = &conf->connectors[owners[0]];
            err_set(err, conf->path, c->line, "connector \"%s\": "
                    "recipient_domains \"%s\" is already served by outbound "
                    "connector \"%s\" (line %d); Postfix can be given only "
                    "one policy per domain", c->name, p, o->name, o->line);
            return -1;
        }
        if (domainmap_add(conf->out_recipient, base, wildcard, c->index)
            != 0)
            return -1;
    }
    return 0;
}

static int index_connectors(struct ft_conf *conf, struct ft_err *err)
{
    if ((conf->in_sender = domainmap_new()) == NULL
        || (conf->in_recipient = domainmap_new()) == NULL
        || (conf->out_recipient = domainmap_new()) == NULL)
        goto nomem;
    for (size_t i = 0; i < conf->nconnectors; i++) {
        const struct ft_connector *c = &conf->connectors[i];

        if (c->direction == FT_DIR_OUTBOUND) {
            if (index_outbound(conf, c, err) != 0) {
                if (err->msg[0] == '\0')
                    goto nomem;
                return -1;
            }
        } else if (index_patterns(conf->in_sender, &c->sender_domains,
                                  c->index) != 0
                   || index_patterns(conf->in_recipient,
                                     &c->recipient_domains, c->index) != 0) {
            goto nomem;
        }
    }
    return 0;
nomem:
    err_set(err, conf->path, 0, "out of memory while indexing connectors");
    return -1;
}

static int copy_list(cfg_t *sec, const char *key, struct ft_strv *out)
{
    for (unsigned i = 0; i < cfg_size(sec, key); i++)
        if (strv_push(out, cfg_getnstr(sec, key, i)) != 0)
            return -1;
    return 0;
}

static char *dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

static int compile_globals(cfg_t *cfg, struct ft_conf *conf)
{
    cfg_t *m = cfg_getsec(cfg, "milter");
    cfg_t *p = cfg_getsec(cfg, "policyd");

    conf->log_passes = cfg_getbool(cfg, "log_passes");
    conf->expiry_warning_days = (int)cfg_getint(cfg, "expiry_warning_days");
    if ((conf->syslog_facility = dup_or_null(cfg_getstr(cfg, "syslog_facility")))
            == NULL
        || (conf->milter.socket = dup_or_null(cfg_getstr(m, "socket"))) == NULL
        || (conf->milter.socket_mode = dup_or_null(cfg_getstr(m, "socket_mode")))
            == NULL
        || (conf->milter.socket_group =
                dup_or_null(cfg_getstr(m, "socket_group"))) == NULL
        || copy_list(p, "policy_listen", &conf->policyd.policy_listen) != 0
        || copy_list(p, "tlsmap_listen", &conf->policyd.tlsmap_listen) != 0
        || (conf->policyd.tlsmap_name = dup_or_null(cfg_getstr(p, "tlsmap_name")))
            == NULL
        || (conf->policyd.socket_mode =
                dup_or_null(cfg_getstr(p, "socket_mode"))) == NULL
        || (conf->policyd.socket_group =
                dup_or_null(cfg_getstr(p, "socket_group"))) == NULL
        || (conf->policyd.fingerprint_digest =
                dup_or_null(cfg_getstr(p, "fingerprint_digest"))) == NULL)
        return -1;
    conf->policyd.idle_timeout = (int)cfg_getint(p, "idle_timeout");
    return conf_schema_networks(cfg, "trusted_clients", &conf->trusted,
                                &conf->ntrusted);
}

static void conf_free(struct ft_conf *conf)
{
    if (conf == NULL)
        return;
    for (size_t i = 0; i < conf->nconnectors; i++)
        connector_free(&conf->connectors[i]);
    free(conf->connectors);
    domainmap_free(conf->in_sender);
    domainmap_free(conf->in_recipient);
    domainmap_free(conf->out_recipient);
    free(conf->path);
    free(conf->syslog_facility);
    free(conf->trusted);
    free(conf->milter.socket);
    free(conf->milter.socket_mode);
    free(conf->milter.socket_group);
    strv_free(&conf->policyd.policy_listen);
    strv_free(&conf->policyd.tlsmap_listen);
    free(conf->policyd.tlsmap_name);
    free(conf->policyd.socket_mode);
    free(conf->policyd.socket_group);
    free(conf->policyd.fingerprint_digest);
    free(conf);
    /* A million domains are over a hundred MB of small blocks, which
     * malloc keeps mapped once freed unless asked to give them back:
     * each reload of such a file would leave the daemon larger. */
    malloc_trim(0);
}

/* A load under way: what the connectors' hook adds to. */
struct load {
    struct ft_conf *conf;
    size_t cap;                     /* room in conf->connectors */
    struct ft_domainmap *names;     /* connector name -> index */
    struct ft_err *err;
};

/* libconfuse silently merges two sections with one title. */
static int check_unique(const struct load *ld, const char *name, int line)
{
    size_t n;
    const unsigned *first = domainmap_get(ld->names, name, false, &n);

    if (first == NULL)
        return 0;
    err_set(ld->err, ld->conf->path, line, "connector \"%s\" is defined "
            "twice (first at line %d); give each connector its own name",
            name, ld->conf->connectors[first[0]].line);
    return -1;
}

static int grow_connectors(struct load *ld)
{
    size_t cap = ld->cap ? 2 * ld->cap : 16;
    struct ft_connector *v = realloc(ld->conf->connectors, cap * sizeof(*v));

    if (v == NULL)
        return -1;
    ld->conf->connectors = v;
    ld->cap = cap;
    return 0;
}

/* The hook for each connector section as it closes. */
static int add_connector(void *arg, cfg_t *sec, int line)
{
    struct load *ld = arg;
    struct ft_conf *conf = ld->conf;
    const char *name = cfg_title(sec);
    unsigned idx = (unsigned)conf->nconnectors;
    struct ft_connector *c;

    if (check_unique(ld, name, line) != 0)
        return -1;
    if (conf->nconnectors == ld->cap && grow_connectors(ld) != 0)
        goto nomem;
    c = &conf->connectors[conf->nconnectors++];
    memset(c, 0, sizeof(*c));
    if (connector_compile(sec, idx, line, conf->path, c, ld->err) != 0)
        return -1;
    if (domainmap_add(ld->names, name, false, idx) != 0)
        goto nomem;
    return 0;
nomem:
    err_set(ld->err, conf->path, line, "connector \"%s\": out of memory",
            name);
    return -1;
}

/* Pins from certificate_files take fingerprint_digest, which a policyd
 * section further down the file may set. */
static int pin_files(struct ft_conf *conf, struct ft_err *err)
{
    for (size_t i = 0; i < conf->nconnectors; i++) {
        struct ft_connector *c = &conf->connectors[i];

        for (size_t j = 0; j < c->cert_files.n; j++)
            if (fingerprint_pem_file(c->cert_files.v[j],
                                     conf->policyd.fingerprint_digest,
                                     &c->pins.v, &c->pins.n, err) != 0)
                return -1;
    }
    return 0;
}

struct unclosed {
    int line;
    char *title;        /* the connector whose '{' is on that line */
};

static void note_unclosed(void *arg, const char *title, int line)
{
    struct unclosed *u = arg;

    if (line == u->line && u->title == NULL)
        u->title = strdup(title);
}

/* libconfuse takes the end of the file for the end of a section, so a
 * file with a '{' never closed still parses; as far as it gets, that
 * parse names the connector the '{' opens, unless another section opens
 * on its line. */
static void refuse_unclosed(const char *path, const struct conf_file *f,
                            struct ft_err *err)
{
    struct unclosed u = { f->open_brace_line, NULL };
    const struct conf_schema_hooks hooks = { note_unclosed, NULL, &u };
    struct ft_err ignored;
    cfg_t *cfg;

    if (!f->open_brace_shared
        && (cfg = conf_schema_parse(path, f->text, &hooks, &ignored)) != NULL)
        cfg_free(cfg);
    if (u.title != NULL)
        err_set(err, path, u.line, "connector \"%s\": the '{' here is never "
                "closed", u.title);
    else
        err_set(err, path, u.line, "the '{' here is never closed");
    free(u.title);
}

static struct ft_conf *conf_new(const char *path)
{
    struct ft_conf *conf = calloc(1, sizeof(*conf));

    if (conf == NULL)
        return NULL;
    conf->refs = 1;
    if ((conf->path = strdup(path)) == NULL) {
        free(conf);
        return NULL;
    }
    return conf;
}

/* Caches keyed by a configuration compare generations, not addresses: a
 * new configuration may be allocated where a freed one was. */
static unsigned long generations;

struct ft_conf *conf_load(const char *path, struct ft_err *err)
{
    struct conf_file file = { NULL, 0, false };
    struct load ld = { NULL, 0, NULL, err };
    const struct conf_schema_hooks hooks = { NULL, add_connector, &ld };
    struct ft_conf *conf = NULL;
    cfg_t *cfg = NULL;

    err->msg[0] = '\0';
    if (conf_file_read(path, &file, err) != 0)
        goto out;
    if (file.open_brace_line != 0) {
        refuse_unclosed(path, &file, err);
        goto out;
    }
    if ((ld.conf = conf_new(path)) == NULL
        || (ld.names = domainmap_new()) == NULL) {
        err_set(err, path, 0, "out of memory");
        goto out;
    }
    cfg = conf_schema_parse(path, file.text, &hooks, err);
    /* The whole file: with a million domains, 30 MB less at the peak if
     * it goes before the indexes are built. */
    conf_file_free(&file);
    if (cfg == NULL)
        goto out;
    if (compile_globals(cfg, ld.conf) != 0) {
        err_set(err, path, 0, "out of memory");
        goto out;
    }
    if (pin_files(ld.conf, err) != 0 || index_connectors(ld.conf, err) != 0)
        goto out;
    conf = ld.conf;
    ld.conf = NULL;
    conf->generation = __atomic_add_fetch(&generations, 1, __ATOMIC_RELAXED);
out:
    conf_free(ld.conf);
    domainmap_free(ld.names);
    if (cfg != NULL)
        cfg_free(cfg);
    conf_file_free(&file);
    return conf;
}

struct ft_conf *conf_ref(struct ft_conf *conf)
{
    __atomic_add_fetch(&conf->refs, 1, __ATOMIC_RELAXED);
    return conf;
}

void conf_unref(struct ft_conf *conf)
{
    if (conf != NULL && __atomic_sub_fetch(&conf->refs, 1, __ATOMIC_ACQ_REL) == 0)
        conf_free(conf);
}
