/* connector_compile.c - one closed connector section checked as a whole
 * and copied into a struct ft_connector: its values were converted as
 * they were read (conf_schema.c); here keys that contradict each other, or
 * mean nothing for its direction, are refused. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "conf_schema.h"
#include "connector_compile.h"

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
    struct ft_err *err;
};

static int copy_list(cfg_t *sec, const char *key, struct ft_strv *out)
{
    for (unsigned i = 0; i < cfg_size(sec, key); i++)
        if (strv_push(out, cfg_getnstr(sec, key, i)) != 0)
            return -1;
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
    /* certificate_files pin what they hold once the digest is known
     * (conf.c); one that holds no certificate is an error there. */
    bool has_cert_rules = c->cert_names.n > 0 || c->cert_issuers.n > 0
        || c->pins.n > 0 || c->cert_files.n > 0;
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
        c->action = (enum ft_action)cfg_getint(sec, "action");
    return 0;
}

/* Values go into one policy-map entry, whose attributes Postfix splits at
 * whitespace and commas and whose items it splits at ':'. ("nexthop",
 * "dot-nexthop" and "hostname" pass through with their Postfix meaning.) */
static int check_policy_values(const struct ft_strv *sv, const char *key,
                               const struct ft_connector *c,
                               const struct compile_ctx *cc)
{
    for (size_t i = 0; i < sv->n; i++) {
        if (strpbrk(sv->v[i], " \t,:") != NULL) {
            err_set(cc->err, cc->path, c->line, "connector \"%s\": %s "
                    "\"%s\" holds a space, ',' or ':', which Postfix reads "
                    "as separators", c->name, key, sv->v[i]);
            return -1;
        }
    }
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
        c->level = (enum ft_tls_level)cfg_getint(sec, "tls_level");
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
    return check_policy_values(&c->cert_names, "certificate_names", c, cc)
        || check_policy_values(&c->ta_files, "trust_anchor_files", c, cc)
        ? -1 : 0;
}

static int copy_values(cfg_t *sec, struct ft_connector *c)
{
    c->mode = (enum ft_mode)cfg_getint(sec, "mode");
    c->min_version = (enum ft_tls_version)cfg_getint(sec, "min_tls_version");
    c->min_bits = (int)cfg_getint(sec, "min_cipher_bits");
    c->min_key_bits = (int)cfg_getint(sec, "min_key_bits");
    c->require_fs = cfg_getbool(sec, "require_forward_secrecy");
    if (cfg_size(sec, "reply_text") > 0
        && (c->reply_text = strdup(cfg_getstr(sec, "reply_text"))) == NULL)
        return -1;
    return copy_list(sec, "sender_domains", &c->sender_domains) != 0
        || copy_list(sec, "recipient_domains", &c->recipient_domains) != 0
        || conf_schema_networks(sec, "client_addresses", &c->networks,
                                &c->nnetworks) != 0
        || copy_list(sec, "certificate_fingerprints", &c->pins) != 0
        || copy_list(sec, "certificate_names", &c->cert_names) != 0
        || copy_list(sec, "certificate_issuers", &c->cert_issuers) != 0
        || copy_list(sec, "certificate_files", &c->cert_files) != 0
        || copy_list(sec, "trust_anchor_files", &c->ta_files) != 0
        ? -1 : 0;
}

int connector_compile(cfg_t *sec, unsigned idx, int line, const char *path,
                      struct ft_connector *c, struct ft_err *err)
{
    const struct compile_ctx ctx = { path, err }, *cc = &ctx;
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
    c->direction = (enum ft_direction)cfg_getint(sec, "direction");
    /* Neither the milter macros nor a policy request carry the key. */
    if (c->direction == FT_DIR_INBOUND
        && (cfg_getopt(sec, "min_key_bits")->flags & CFGF_MODIFIED) != 0) {
        err_set(cc->err, cc->path, line, "connector \"%s\": min_key_bits "
                "applies to outbound connectors only: Postfix tells milters "
                "and policy servers nothing about a client's key", title);
        return -1;
    }
    if ((bad = misplaced_key(sec, c->direction)) != NULL) {
        err_set(cc->err, cc->path, line, "connector \"%s\": %s does not apply "
                "to %s connectors", title, bad, direction_name(c->direction));
        return -1;
    }
    if (copy_values(sec, c) != 0)
        goto nomem;
    return c->direction == FT_DIR_INBOUND ? inbound_rules(sec, c, cc)
                                          : outbound_rules(sec, c, cc);
nomem:
    err_set(cc->err, cc->path, line, "connector \"%s\": out of memory", title);
    return -1;
}
