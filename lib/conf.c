/* conf.c - forcetls.conf compiled into connectors and lookup indexes; a
 * file with any error yields no configuration at all, never half of one. */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "conf_schema.h"
#include "conf_text.h"
#include "connector_compile.h"
#include "domain.h"

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
    return compile_networks(cfg, "trusted_clients", &conf->trusted,
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

/* The one titled connector a block holds, or NULL when the text scanner
 * and libconfuse disagree on what the block holds. */
static cfg_t *block_connector(cfg_t *cfg)
{
    cfg_t *sec;

    if (cfg_size(cfg, "connector") != 1
        || (sec = cfg_getnsec(cfg, "connector", 0)) == NULL
        || cfg_title(sec) == NULL)
        return NULL;
    return sec;
}

static int compile_block(const char *text, const struct conf_block *b,
                         unsigned idx, const char *path, const char *digest,
                         struct ft_connector *c, struct ft_err *err)
{
    char *block = strndup(text + b->start, b->end - b->start);
    cfg_t *cfg = NULL, *sec;
    int rc = -1;

    if (block == NULL) {
        err_set(err, path, b->line, "out of memory");
        goto out;
    }
    if ((cfg = conf_schema_parse_connector(path, block, b->line, err)) == NULL)
        goto out;
    if ((sec = block_connector(cfg)) == NULL) {
        err_set(err, path, b->line, "this connector cannot be read; write "
                "it as connector NAME { key = value ... }");
        goto out;
    }
    rc = connector_compile(sec, idx, b->line, path, digest, c, err);
out:
    if (cfg != NULL)
        cfg_free(cfg);
    free(block);
    return rc;
}

static struct ft_conf *conf_compile(cfg_t *globals, const char *path,
                                    const char *text, const struct conf_blocks *t,
                                    struct ft_err *err)
{
    struct ft_conf *conf = calloc(1, sizeof(*conf));

    if (conf == NULL || (conf->path = strdup(path)) == NULL
        || compile_globals(globals, conf) != 0
        || (t->n > 0 && (conf->connectors = calloc(t->n,
                                                   sizeof(*conf->connectors)))
                            == NULL)) {
        err_set(err, path, 0, "out of memory");
        goto fail;
    }
    conf->refs = 1;
    for (size_t i = 0; i < t->n; i++) {
        conf->nconnectors++;
        if (compile_block(text, &t->v[i], (unsigned)i, path,
                          conf->policyd.fingerprint_digest,
                          &conf->connectors[i], err) != 0)
            goto fail;
    }
    if (index_connectors(conf, err) != 0)
        goto fail;
    return conf;
fail:
    conf_free(conf);
    return NULL;
}

/* Caches keyed by a configuration compare generations, not addresses: a
 * new configuration may be allocated where a freed one was. */
static unsigned long generations;

struct ft_conf *conf_load(const char *path, struct ft_err *err)
{
    struct conf_blocks blocks = { NULL, 0, 0, 0, NULL, 0, 0 };
    struct ft_conf *conf = NULL;
    char *text = NULL, *globals_text = NULL;
    cfg_t *globals = NULL;

    err->msg[0] = '\0';
    if ((text = conf_text_read(path, err)) == NULL)
        goto out;
    if (conf_text_blocks(text, &blocks) != 0
        || (globals_text = conf_text_globals(text, &blocks)) == NULL) {
        err_set(err, path, 0, "out of memory");
        goto out;
    }
    if (conf_text_check(path, &blocks, err) != 0
        || (globals = conf_schema_parse_globals(path, globals_text, err))
               == NULL)
        goto out;
    /* A copy of the whole file: with a million domains, 30 MB less at the
     * peak if it goes now. */
    free(globals_text);
    globals_text = NULL;
    if ((conf = conf_compile(globals, path, text, &blocks, err)) != NULL)
        conf->generation = __atomic_add_fetch(&generations, 1,
                                              __ATOMIC_RELAXED);
out:
    conf_blocks_free(&blocks);
    if (globals != NULL)
        cfg_free(globals);
    free(globals_text);
    free(text);
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
