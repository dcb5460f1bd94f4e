/* conf.c - forcetls.conf compiled into connectors and lookup indexes; a
 * file with any error yields no configuration at all, never half of one. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "conf_schema.h"
#include "domain.h"
#include "fingerprint.h"

/* One "connector TITLE { ... }" of the file text. */
struct title_line {
    char *title;
    int line;
    size_t start, end;      /* its bytes in the text */
};

struct titles {
    struct title_line *v;
    size_t n, cap;
    int open_line;          /* an outermost '{' never closed, or 0 */
    const char *open_title; /* its connector, or NULL */
};

static void titles_free(struct titles *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].title);
    free(t->v);
}

static int titles_push(struct titles *t, const char *s, size_t len, int line,
                       size_t start)
{
    struct title_line *v;

    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        if ((v = realloc(t->v, cap * sizeof(*v))) == NULL)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    v = &t->v[t->n];
    if ((v->title = strndup(s, len)) == NULL)
        return -1;
    v->line = line;
    v->start = start;
    v->end = 0;
    t->n++;
    return 0;
}

/* Skip blanks and comments from p, counting lines. */
static const char *skip_space(const char *p, int *line)
{
    for (;;) {
        if (*p == '\n')
            ++*line, p++;
        else if (isspace((unsigned char)*p))
            p++;
        else if (*p == '#' || (p[0] == '/' && p[1] == '/'))
            p += strcspn(p, "\n");
        else if (p[0] == '/' && p[1] == '*') {
            for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
                if (*p == '\n')
                    ++*line;
            p += *p ? 2 : 0;
        } else
            return p;
    }
}

/* Skip a quoted string starting at its opening quote. */
static const char *skip_string(const char *p, int *line)
{
    char q = *p++;

    for (; *p && *p != q; p++) {
        if (*p == '\\' && p[1] != '\0')
            p++;
        if (*p == '\n')
            ++*line;
    }
    return *p ? p + 1 : p;
}

static size_t word_len(const char *p)
{
    size_t n = 0;

    while (p[n] && (isalnum((unsigned char)p[n]) || strchr("_-.", p[n])))
        n++;
    return n;
}

/* Find each top-level "connector TITLE { ... }": its line (libconfuse
 * keeps the line where a section ends; people want where it starts) and
 * its bytes, so that each is parsed on its own. */
static int scan_titles(const char *text, struct titles *t)
{
    const char *p = text;
    int line = 1, depth = 0;
    bool titled = false;    /* the next '{' opens the last connector */
    size_t n;

    while (*(p = skip_space(p, &line)) != '\0') {
        if (*p == '"' || *p == '\'') {
            p = skip_string(p, &line);
        } else if (*p == '{') {
            if (depth++ == 0) {
                t->open_line = line;
                t->open_title = titled ? t->v[t->n - 1].title : NULL;
            }
            titled = false;
            p++;
        } else if (*p == '}') {
            if (--depth == 0) {
                if (t->open_title != NULL)
                    t->v[t->n - 1].end = (size_t)(p + 1 - text);
                t->open_line = 0;
                t->open_title = NULL;
            }
            p++;
        } else if ((n = word_len(p)) == 0) {
            p++;
        } else if (depth == 0 && n == 9 && strncmp(p, "connector", 9) == 0) {
            int at = line;
            const char *q = skip_space(p + 9, &line);

            if (*q == '"' || *q == '\'') {
                const char *end = skip_string(q, &line);
                if (titles_push(t, q + 1, (size_t)(end - q - 2), at,
                                (size_t)(p - text)) != 0)
                    return -1;
                p = end;
                titled = true;
            } else {
                if (titles_push(t, q, word_len(q), at, (size_t)(p - text))
                    != 0)
                    return -1;
                p = q + word_len(q);
                titled = true;
            }
        } else {
            p += n;
        }
    }
    return 0;
}

/* The whole file as a string; NULL with errno set when it cannot be read
 * or is not a regular file (a directory would read as an empty file). */
static char *read_file(const char *path)
{
    struct stat st;
    char *buf = NULL;
    ssize_t got = -1;
    int fd, saved;

    if ((fd = open(path, O_RDONLY)) < 0)
        return NULL;
    if (fstat(fd, &st) != 0)
        goto out;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        goto out;
    }
    if ((buf = malloc((size_t)st.st_size + 1)) != NULL
        && (got = read(fd, buf, (size_t)st.st_size)) >= 0)
        buf[got] = '\0';
out:
    saved = errno;
    if (got < 0) {
        free(buf);
        buf = NULL;
    }
    close(fd);
    errno = saved;
    return buf;
}

/* Blank out comments, keeping newlines: libconfuse 3.3 counts every
 * comment line twice, so a file with comments gets wrong error lines. */
static void blank_comments(char *text)
{
    int line = 0;

    for (char *p = text; *p != '\0';) {
        if (*p == '"' || *p == '\'') {
            p = (char *)skip_string(p, &line);
        } else if (*p == '#' || (p[0] == '/' && (p[1] == '/' || p[1] == '*'))) {
            char *end = (char *)skip_space(p, &line);
            for (; p < end; p++)
                if (*p != '\n')
                    *p = ' ';
        } else {
            p++;
        }
    }
}

/* The text without its connectors, newlines kept so lines still count. */
static char *blank_connectors(const char *text, const struct titles *t)
{
    char *copy = strdup(text);

    if (copy == NULL)
        return NULL;
    for (size_t i = 0; i < t->n; i++)
        for (size_t b = t->v[i].start; b < t->v[i].end; b++)
            if (copy[b] != '\n')
                copy[b] = ' ';
    return copy;
}

/* libconfuse accepts a file that ends inside a section. */
static int check_balance(const char *path, const struct titles *t,
                         struct ft_err *err)
{
    if (t->open_line == 0)
        return 0;
    if (t->open_title != NULL)
        err_set(err, path, t->open_line, "connector \"%s\": the '{' here is "
                "never closed", t->open_title);
    else
        err_set(err, path, t->open_line, "the '{' here is never closed");
    return -1;
}

static int by_title(const void *a, const void *b)
{
    const struct title_line *x = a, *y = b;
    int c = strcmp(x->title, y->title);

    return c != 0 ? c : x->line - y->line;
}

/* libconfuse silently merges two sections with one title. */
static int check_duplicate_titles(const char *path, const struct titles *t,
                                  struct ft_err *err)
{
    struct title_line *sorted;
    int rc = 0;

    if (t->n < 2)
        return 0;
    if ((sorted = malloc(t->n * sizeof(*sorted))) == NULL) {
        err_set(err, path, 0, "out of memory");
        return -1;
    }
    memcpy(sorted, t->v, t->n * sizeof(*sorted));
    qsort(sorted, t->n, sizeof(*sorted), by_title);
    for (size_t i = 1; i < t->n && rc == 0; i++) {
        if (strcmp(sorted[i].title, sorted[i - 1].title) == 0) {
            err_set(err, path, sorted[i].line, "connector \"%s\" is defined "
                    "twice (first at line %d); give each connector its own "
                    "name", sorted[i].title, sorted[i - 1].line);
            rc = -1;
        }
    }
    free(sorted);
    return rc;
}

static bool name_ok(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && strchr("_-.", *s) == NULL)
            return false;
    return true;
}

struct compile_ctx {
    const char *path;
    const char *digest;
    struct ft_err *err;
};

static int copy_list(cfg_t *sec, const char *key, struct ft_strv *out)
{
    for (unsigned i = 0; i < cfg_size(sec, key); i++)
        if (strv_push(out, cfg_getnstr(sec, key, i)) != 0)
            return -1;
    return 0;
}

static int copy_patterns(cfg_t *sec, const char *key, struct ft_strv *out)
{
    char norm[FT_DOMAIN_MAX + 2];
    bool wildcard;

    for (unsigned i = 0; i < cfg_size(sec, key); i++) {
        if (!domain_pattern_parse(cfg_getnstr(sec, key, i), norm + 2,
                                  sizeof(norm) - 2, &wildcard))
            return -1;
        memcpy(norm, "*.", 2);
        if (strv_push(out, wildcard ? norm : norm + 2) != 0)
            return -1;
    }
    return 0;
}

static int copy_networks(cfg_t *sec, struct ft_connector *c)
{
    unsigned n = cfg_size(sec, "client_addresses");

    if (n == 0)
        return 0;
    if ((c->networks = calloc(n, sizeof(*c->networks))) == NULL)
        return -1;
    for (unsigned i = 0; i < n; i++)
        if (!cidr_parse(cfg_getnstr(sec, "client_addresses", i),
                        &c->networks[c->nnetworks++]))
            return -1;
    return 0;
}

static int copy_pins(cfg_t *sec, const struct compile_ctx *cc,
                     struct ft_connector *c)
{
    char fp[256];

    for (unsigned i = 0; i < cfg_size(sec, "certificate_fingerprints"); i++) {
        if (!fingerprint_normalize(
                cfg_getnstr(sec, "certificate_fingerprints", i), fp, sizeof(fp))
            || strv_push(&c->pins, fp) != 0)
            return -1;
    }
    for (size_t i = 0; i < c->cert_files.n; i++) {
        if (fingerprint_pem_file(c->cert_files.v[i], cc->digest, &c->pins.v,
                                 &c->pins.n, cc->err) != 0)
            return -1;
    }
    return 0;
}

/* Keys that mean something for one direction only are errors on the
 * other: a silently ignored requirement is a requirement not enforced. */
static const char *misplaced_key(cfg_t *sec, enum ft_direction dir)
{
    static const char *const inbound_only[] = {
        "sender_domains", "client_addresses", "require_certificate",
        "certificate_issuers", "certificate_files", "action",
        "min_cipher_bits", "reply_text", NULL,
    };
    static const char *const outbound_only[] = {
        "tls_level", "trust_anchor_files", NULL,
    };
    const char *const *keys = dir == FT_DIR_INBOUND ? outbound_only
                                                    : inbound_only;

    for (; *keys != NULL; keys++) {
        cfg_opt_t *opt = cfg_getopt(sec, *keys);
        if (opt != NULL && cfg_opt_size(opt) > 0
            && (opt->flags & CFGF_MODIFIED) != 0)
            return *keys;
    }
    return NULL;
}

static int inbound_rules(cfg_t *sec, struct ft_connector *c,
                         const struct compile_ctx *cc)
{
    bool has_cert_rules = c->cert_names.n > 0 || c->cert_issuers.n > 0
        || c->pins.n > 0;
    const char *who = c->name;

    if (c->sender_domains.n == 0 && c->recipient_domains.n == 0) {
        err_set(cc->err, cc->path, c->line, "connector \"%s\": an inbound "
                "connector needs sender_domains or recipient_domains to say "
                "which mail it covers", who);
        return -1;
    }
    if (c->nnetworks > 0 && c->sender_domains.n == 0) {
        err_set(cc->err, cc->path, c->line, "connector \"%s\": "
                "client_addresses says where a partner's sender_domains may "
                "send from, but sender_domains is empty", who);
        return -1;
    }
    if (cfg_size(sec, "require_certificate") > 0) {
        c->require_cert = cfg_getbool(sec, "require_certificate");
        if (!c->require_cert && has_cert_rules) {
            err_set(cc->err, cc->path, c->line, "connector \"%s\": "
                    "require_certificate = false contradicts "
                    "certificate_names, certificate_issuers and pins; "
                    "remove one or the other", who);
            return -1;
        }
    }
    if (has_cert_rules)
        c->require_cert = true;
    c->action = FT_ACTION_REJECT;
    if (cfg_size(sec, "action") > 0)
        action_parse(cfg_getstr(sec, "action"), &c->action);
    return 0;
}

static int outbound_rules(cfg_t *sec, struct ft_connector *c,
                          const struct compile_ctx *cc)
{
    const char *who = c->name;

    if (c->recipient_domains.n == 0) {
        err_set(cc->err, cc->path, c->line, "connector \"%s\": an outbound "
                "connector needs recipient_domains", who);
        return -1;
    }
    c->level = FT_LEVEL_SECURE;
    if (cfg_size(sec, "tls_level") > 0)
        level_parse(cfg_getstr(sec, "tls_level"), &c->level);
    if (c->level == FT_LEVEL_FINGERPRINT && c->pins.n == 0) {
        err_set(cc->err, cc->path, c->line, "connector \"%s\": tls_level = "
                "fingerprint needs certificate_fingerprints", who);
        return -1;
    }
    if (c->level != FT_LEVEL_FINGERPRINT && c->pins.n > 0) {
        err_set(cc->err, cc->path, c->line, "connector \"%s\": "
                "certificate_fingerprints on an outbound connector need "
                "tls_level = fingerprint", who);
        return -1;
    }
    if (c->cert_names.n > 0 && c->level != FT_LEVEL_VERIFY
        && c->level != FT_LEVEL_SECURE) {
        err_set(cc->err, cc->path, c->line, "connector \"%s\": "
                "certificate_names need tls_level = secure or verify "
                "(tls_level = %s checks no name)", who, level_name(c->level));
        return -1;
    }
    if (c->ta_files.n > 0 && c->level != FT_LEVEL_VERIFY
        && c->level != FT_LEVEL_SECURE) {
        err_set(cc->err, cc->path, c->line, "connector \"%s\": "
                "trust_anchor_files need tls_level = secure or verify", who);
        return -1;
    }
    return 0;
}

static int compile_connector(cfg_t *sec, unsigned idx, int line,
                             const struct compile_ctx *cc,
                             struct ft_connector *c)
{
    const char *title = cfg_title(sec);
    const char *bad;

    c->index = idx;
    c->line = line;
    if ((c->name = strdup(title)) == NULL)
        goto nomem;
    if (!name_ok(title)) {
        err_set(cc->err, cc->path, line, "connector \"%s\": a name may hold "
                "only letters, digits, '.', '_' and '-'", title);
        return -1;
    }
    if (cfg_size(sec, "direction") == 0) {
        err_set(cc->err, cc->path, line, "connector \"%s\": direction is "
                "required (inbound or outbound)", title);
        return -1;
    }
    direction_parse(cfg_getstr(sec, "direction"), &c->direction);
    if ((bad = misplaced_key(sec, c->direction)) != NULL) {
        err_set(cc->err, cc->path, line, "connector \"%s\": %s does not apply "
                "to %s connectors", title, bad, direction_name(c->direction));
        return -1;
    }
    mode_parse(cfg_getstr(sec, "mode"), &c->mode);
    c->has_min_version = tlsver_parse(cfg_getstr(sec, "min_tls_version"),
                                      &c->min_version);
    c->min_bits = (int)cfg_getint(sec, "min_cipher_bits");
    c->require_fs = cfg_getbool(sec, "require_forward_secrecy");
    if (cfg_size(sec, "reply_text") > 0
        && (c->reply_text = strdup(cfg_getstr(sec, "reply_text"))) == NULL)
        goto nomem;
    if (copy_patterns(sec, "sender_domains", &c->sender_domains) != 0
        || copy_patterns(sec, "recipient_domains", &c->recipient_domains) != 0
        || copy_networks(sec, c) != 0
        || copy_list(sec, "certificate_names", &c->cert_names) != 0
        || copy_list(sec, "certificate_issuers", &c->cert_issuers) != 0
        || copy_list(sec, "certificate_files", &c->cert_files) != 0
        || copy_list(sec, "trust_anchor_files", &c->ta_files) != 0)
        goto nomem;
    if (copy_pins(sec, cc, c) != 0) {
        if (cc->err->msg[0] == '\0')
            goto nomem;
        return -1;
    }
    return c->direction == FT_DIR_INBOUND ? inbound_rules(sec, c, cc)
                                          : outbound_rules(sec, c, cc);
nomem:
    err_set(cc->err, cc->path, line, "connector \"%s\": out of memory", title);
    return -1;
}

static int index_patterns(struct ft_domainmap *map, const struct ft_strv *sv,
                          unsigned idx)
{
    for (size_t i = 0; i < sv->n; i++) {
        bool wildcard = strncmp(sv->v[i], "*.", 2) == 0;
        if (domainmap_add(map, sv->v[i] + (wildcard ? 2 : 0), wildcard, idx)
            != 0)
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
        bool wildcard = strncmp(p, "*.", 2) == 0;
        size_t n;
        const unsigned *owners = domainmap_get(conf->out_recipient,
                                               p + (wildcard ? 2 : 0),
                                               wildcard, &n);

        if (owners != NULL && owners[0] != c->index) {
            const struct ft_connector *o = &conf->connectors[owners[0]];
            err_set(err, conf->path, c->line, "connector \"%s\": "
                    "recipient_domains \"%s\" is already served by outbound "
                    "connector \"%s\" (line %d); Postfix can be given only "
                    "one policy per domain", c->name, p, o->name, o->line);
            return -1;
        }
        if (domainmap_add(conf->out_recipient, p + (wildcard ? 2 : 0),
                          wildcard, c->index) != 0)
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

static char *dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

static int compile_globals(cfg_t *cfg, struct ft_conf *conf)
{
    cfg_t *m = cfg_getsec(cfg, "milter");
    cfg_t *p = cfg_getsec(cfg, "policyd");

    conf->log_passes = cfg_getbool(cfg, "log_passes");
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
    return 0;
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
}

static int compile_block(const char *text, const struct title_line *b,
                         unsigned idx, const struct compile_ctx *cc,
                         struct ft_connector *c)
{
    char *block = strndup(text + b->start, b->end - b->start);
    cfg_t *cfg = NULL;
    int rc = -1;

    if (block == NULL)
        err_set(cc->err, cc->path, b->line, "out of memory");
    else if ((cfg = conf_schema_parse_connector(cc->path, block, b->line,
                                                cc->err)) != NULL)
        rc = compile_connector(cfg_getnsec(cfg, "connector", 0), idx, b->line,
                               cc, c);
    if (cfg != NULL)
        cfg_free(cfg);
    free(block);
    return rc;
}

static struct ft_conf *conf_compile(cfg_t *globals, const char *path,
                                    const char *text, const struct titles *t,
                                    struct ft_err *err)
{
    struct ft_conf *conf = calloc(1, sizeof(*conf));
    struct compile_ctx cc = { path, NULL, err };

    if (conf == NULL || (conf->path = strdup(path)) == NULL
        || compile_globals(globals, conf) != 0
        || (t->n > 0 && (conf->connectors = calloc(t->n,
                                                   sizeof(*conf->connectors)))
                            == NULL)) {
        err_set(err, path, 0, "out of memory");
        goto fail;
    }
    conf->refs = 1;
    cc.digest = conf->policyd.fingerprint_digest;
    for (size_t i = 0; i < t->n; i++) {
        conf->nconnectors++;
        if (compile_block(text, &t->v[i], (unsigned)i, &cc,
                          &conf->connectors[i]) != 0)
            goto fail;
    }
    if (index_connectors(conf, err) != 0)
        goto fail;
    return conf;
fail:
    conf_free(conf);
    return NULL;
}

struct ft_conf *conf_load(const char *path, struct ft_err *err)
{
    struct titles titles = { NULL, 0, 0, 0, NULL };
    struct ft_conf *conf = NULL;
    char *text = NULL, *globals_text = NULL;
    cfg_t *globals = NULL;

    err->msg[0] = '\0';
    if ((text = read_file(path)) == NULL) {
        err_set(err, path, 0, "cannot read the configuration: %s",
                strerror(errno));
        goto out;
    }
    blank_comments(text);
    if (scan_titles(text, &titles) != 0
        || (globals_text = blank_connectors(text, &titles)) == NULL) {
        err_set(err, path, 0, "out of memory");
        goto out;
    }
    if (check_balance(path, &titles, err) != 0
        || check_duplicate_titles(path, &titles, err) != 0
        || (globals = conf_schema_parse_globals(path, globals_text, err))
               == NULL)
        goto out;
    conf = conf_compile(globals, path, text, &titles, err);
out:
    titles_free(&titles);
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
