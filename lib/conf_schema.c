/* conf_schema.c - what forcetls.conf may say, read by one libconfuse
 * parse: each value is checked and converted once as it is read (domain
 * patterns and fingerprints normalized, networks, versions and names of
 * closed sets parsed), so every error names its own line, and each
 * connector is handed on and dropped as it closes. */
#include <errno.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_schema.h"
#include "connector.h"
#include "domain.h"
#include "fingerprint.h"
#include "log.h"
#include "tlsver.h"

/* A hidden option of every connector section, holding the line of its
 * '{' (see note_opened). */
#define OPENED_AT "\001opened_at"

struct parse_state {
    const char *path;
    struct ft_err *err;
    const struct conf_schema_hooks *hooks;
    char value[256];    /* a converted string, until libconfuse copies it */
};
_Static_assert(sizeof(((struct parse_state *)0)->value) >= FT_DOMAIN_MAX + 2,
               "a normalized \"*.\" pattern fits");

/* libconfuse callbacks take no user pointer: the parse running in this
 * thread is reached through this one variable. */
static __thread struct parse_state *state;

static int note_opened(cfg_t *cfg, cfg_opt_t *opt, const char *value,
                       void *res);
static int parse_direction(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                           void *res);
static int parse_mode(cfg_t *cfg, cfg_opt_t *opt, const char *v, void *res);
static int parse_action(cfg_t *cfg, cfg_opt_t *opt, const char *v, void *res);
static int parse_level(cfg_t *cfg, cfg_opt_t *opt, const char *v, void *res);
static int parse_version(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                         void *res);
static int parse_domain_pattern(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                                void *res);
static int parse_network(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                         void *res);
static int parse_fingerprint(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                             void *res);

static cfg_opt_t milter_opts[] = {
    CFG_STR("socket", FT_DEFAULT_MILTER_SOCKET, CFGF_NONE),
    CFG_STR("socket_mode", "0660", CFGF_NONE),
    CFG_STR("socket_group", "postfix", CFGF_NONE),
    CFG_END(),
};

static cfg_opt_t policyd_opts[] = {
    CFG_STR_LIST("policy_listen", "{" FT_DEFAULT_POLICY_SOCKET "}", CFGF_NONE),
    CFG_STR_LIST("tlsmap_listen", "{" FT_DEFAULT_TLSMAP_SOCKET "}", CFGF_NONE),
    CFG_STR("tlsmap_name", "forcetls", CFGF_NONE),
    CFG_STR("socket_mode", "0660", CFGF_NONE),
    CFG_STR("socket_group", "postfix", CFGF_NONE),
    CFG_STR("fingerprint_digest", "sha256", CFGF_NONE),
    CFG_INT("idle_timeout", 600, CFGF_NONE),
    CFG_END(),
};

/* Lists default to none (NULL, not "{}"): libconfuse parses the text of
 * every default each time a section opens, half the load of 100,000
 * connectors. */
static cfg_opt_t connector_opts[] = {
    CFG_INT_LIST_CB(OPENED_AT, "{0}", CFGF_NONE, note_opened),
    CFG_INT_CB("direction", 0, CFGF_NODEFAULT, parse_direction),
    CFG_INT_CB("mode", FT_MODE_ENFORCE, CFGF_NONE, parse_mode),
    CFG_INT_CB("action", 0, CFGF_NODEFAULT, parse_action),
    CFG_STR_LIST_CB("sender_domains", NULL, CFGF_NONE, parse_domain_pattern),
    CFG_STR_LIST_CB("recipient_domains", NULL, CFGF_NONE,
                    parse_domain_pattern),
    CFG_PTR_LIST_CB("client_addresses", NULL, CFGF_NONE, parse_network, free),
    CFG_INT_CB("min_tls_version", FT_TLS_V1_2, CFGF_NONE, parse_version),
    CFG_BOOL("require_forward_secrecy", cfg_false, CFGF_NONE),
    CFG_INT("min_cipher_bits", 0, CFGF_NONE),
    CFG_BOOL("require_certificate", cfg_false, CFGF_NODEFAULT),
    CFG_STR_LIST("certificate_names", NULL, CFGF_NONE),
    CFG_STR_LIST("certificate_issuers", NULL, CFGF_NONE),
    CFG_STR_LIST_CB("certificate_fingerprints", NULL, CFGF_NONE,
                    parse_fingerprint),
    CFG_STR_LIST("certificate_files", NULL, CFGF_NONE),
    CFG_STR("reply_text", NULL, CFGF_NODEFAULT),
    CFG_INT_CB("tls_level", 0, CFGF_NODEFAULT, parse_level),
    CFG_STR_LIST("trust_anchor_files", NULL, CFGF_NONE),
    CFG_INT("min_key_bits", 0, CFGF_NONE),
    CFG_END(),
};

static cfg_opt_t global_opts[] = {
    CFG_STR("syslog_facility", "mail", CFGF_NONE),
    CFG_BOOL("log_passes", cfg_true, CFGF_NONE),
    CFG_INT("expiry_warning_days", 30, CFGF_NONE),
    CFG_PTR_LIST_CB("trusted_clients", NULL, CFGF_NONE, parse_network, free),
    CFG_SEC("milter", milter_opts, CFGF_NONE),
    CFG_SEC("policyd", policyd_opts, CFGF_NONE),
    CFG_SEC("connector", connector_opts, CFGF_MULTI | CFGF_TITLE),
    CFG_END(),
};

static void on_error(cfg_t *cfg, const char *fmt, va_list ap)
{
    char msg[sizeof(state->err->msg)];
    int line = cfg != NULL && cfg->line > 0 ? cfg->line : 0;

    if (state == NULL || state->err->msg[0] != '\0')
        return;     /* keep the first error: later ones are its echoes */
    /* libconfuse's words for "connector {" do not say what to write.
     * They are compared as libconfuse translates them. */
    if (strcmp(fmt, dgettext("confuse", "missing title for section '%s'"))
        == 0) {
        err_set(state->err, state->path, line, "a connector needs a name: "
                "connector NAME { ... }");
        return;
    }
    vsnprintf(msg, sizeof(msg), fmt, ap);
    err_set(state->err, state->path, line, "%s", msg);
}

static int fail(cfg_t *cfg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Report an error of a value read in cfg, named after its connector if it
 * is in one; -1, for a callback to return. */
static int fail(cfg_t *cfg, const char *fmt, ...)
{
    char msg[sizeof(state->err->msg)];
    const char *title = cfg_title(cfg);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (title != NULL)
        cfg_error(cfg, "connector \"%s\": %s", title, msg);
    else
        cfg_error(cfg, "%s", msg);
    return -1;
}

/* libconfuse keeps only the line where a section ends. When a section
 * opens (its '{' just read), libconfuse parses the text of each list
 * option's default, so the parse callback of this hidden list sees
 * cfg->line at the '{', and keeps it as the list's value. */
static int note_opened(cfg_t *cfg, cfg_opt_t *opt, const char *value,
                       void *res)
{
    (void)opt;
    (void)value;
    *(long *)res = cfg->line;
    if (state->hooks->opened != NULL)
        state->hooks->opened(state->hooks->arg, cfg_title(cfg), cfg->line);
    return 0;
}

/* The value of a closed set, or the error listing its members. */
static int set_enum(cfg_t *cfg, cfg_opt_t *opt, const char *v, bool ok,
                    int value, const char *members, void *res)
{
    if (!ok)
        return fail(cfg, "%s \"%s\" is not one of %s", opt->name, v, members);
    *(long *)res = value;
    return 0;
}

static int parse_direction(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                           void *res)
{
    enum ft_direction d = FT_DIR_INBOUND;
    bool ok = direction_parse(v, &d);

    return set_enum(cfg, opt, v, ok, d, "inbound, outbound", res);
}

static int parse_mode(cfg_t *cfg, cfg_opt_t *opt, const char *v, void *res)
{
    enum ft_mode m = FT_MODE_ENFORCE;
    bool ok = mode_parse(v, &m);

    return set_enum(cfg, opt, v, ok, m, "enforce, monitor", res);
}

static int parse_action(cfg_t *cfg, cfg_opt_t *opt, const char *v, void *res)
{
    enum ft_action a = FT_ACTION_REJECT;
    bool ok = action_parse(v, &a);

    return set_enum(cfg, opt, v, ok, a, "reject, defer", res);
}

static int parse_level(cfg_t *cfg, cfg_opt_t *opt, const char *v, void *res)
{
    enum ft_tls_level l = FT_LEVEL_SECURE;
    bool ok = level_parse(v, &l);

    return set_enum(cfg, opt, v, ok, l, "encrypt, verify, secure, "
                    "fingerprint, dane, dane-only", res);
}

static int parse_version(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                         void *res)
{
    enum ft_tls_version tv = FT_TLS_V1_2;
    bool ok = tlsver_parse(v, &tv);

    return set_enum(cfg, opt, v, ok, tv, "SSLv3, TLSv1, TLSv1.1, TLSv1.2, "
                    "TLSv1.3", res);
}

/* A domain pattern as it is matched: "example.com" or "*.example.com",
 * normalized. */
static int parse_domain_pattern(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                                void *res)
{
    char *out = state->value;
    bool wildcard;

    if (!domain_pattern_parse(v, out + 2, sizeof(state->value) - 2,
                              &wildcard)) {
        if (strchr(v, '@') != NULL)
            return fail(cfg, "%s \"%s\" is an address, not a domain; perhaps "
                        "you should use \"%s\" instead", opt->name, v,
                        strchr(v, '@') + 1);
        return fail(cfg, "%s \"%s\" is not a domain name or \"*.domain\" "
                    "pattern", opt->name, v);
    }
    if (wildcard)
        memcpy(out, "*.", 2);
    *(const char **)res = wildcard ? out : out + 2;
    return 0;
}

/* A network, as a struct ft_cidr of its own (libconfuse frees it). */
static int parse_network(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                         void *res)
{
    struct ft_cidr net, *copy;

    if (!cidr_parse(v, &net))
        return fail(cfg, "%s \"%s\" is not an IPv4 or IPv6 network such as "
                    "\"192.0.2.0/24\" or \"2001:db8::/32\" (host bits must "
                    "be zero)", opt->name, v);
    if ((copy = malloc(sizeof(*copy))) == NULL)
        return fail(cfg, "out of memory");
    *copy = net;
    *(void **)res = copy;
    return 0;
}

/* A pin as it is compared: upper-case hex with colons. */
static int parse_fingerprint(cfg_t *cfg, cfg_opt_t *opt, const char *v,
                             void *res)
{
    if (!fingerprint_normalize(v, state->value, sizeof(state->value)))
        return fail(cfg, "%s \"%s\" is not a hex fingerprint such as "
                    "\"SHA256:AB:CD:...\"", opt->name, v);
    *(const char **)res = state->value;
    return 0;
}

/* A list validator sees the list after each element: check the newest. */
static const char *last_value(cfg_opt_t *opt)
{
    unsigned n = cfg_opt_size(opt);

    return n > 0 ? cfg_opt_getnstr(opt, n - 1) : NULL;
}

static int check_readable(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);

    if (v == NULL || access(v, R_OK) == 0)
        return 0;
    return fail(cfg, "%s \"%s\" cannot be read: %s", opt->name, v,
                strerror(errno));
}

static int check_name_list(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);

    if (v == NULL || *v != '\0')
        return 0;
    return fail(cfg, "%s has an empty entry", opt->name);
}

/* Integer keys and the values that make sense for them. */
static const struct {
    const char *name;
    long min, max;
    const char *hint;      /* after "between MIN and MAX" */
} ranges[] = {
    { "min_cipher_bits", 0, 512, "" },
    { "min_key_bits", 0, 16384, " (RSA modulus or EC curve bits, such as "
      "2048 or 256)" },
    { "expiry_warning_days", 0, 3650, "" },
    { "idle_timeout", 10, 86400, " seconds (Postfix keeps policy connections "
      "idle up to 300 s)" },
};

static int check_range(cfg_t *cfg, cfg_opt_t *opt)
{
    long v = cfg_opt_getnint(opt, 0);

    for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
        if (strcmp(opt->name, ranges[i].name) != 0
            || (v >= ranges[i].min && v <= ranges[i].max))
            continue;
        return fail(cfg, "%s %ld is not between %ld and %ld%s", opt->name, v,
                    ranges[i].min, ranges[i].max, ranges[i].hint);
    }
    return 0;
}

static int check_reply_text(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);

    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return fail(cfg, "reply_text contains a control character");
    if (strlen(v) > 400)
        return fail(cfg, "reply_text is longer than 400 characters");
    return 0;
}

static int check_facility(cfg_t *cfg, cfg_opt_t *opt)
{
    int facility;

    if (log_facility_parse(cfg_opt_getnstr(opt, 0), &facility))
        return 0;
    return fail(cfg, "syslog_facility \"%s\" is not a syslog facility such "
                "as mail, daemon or local0..local7", cfg_opt_getnstr(opt, 0));
}

static int check_digest(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);

    if (strcmp(v, "sha256") == 0 || strcmp(v, "sha1") == 0
        || strcmp(v, "md5") == 0)
        return 0;
    return fail(cfg, "fingerprint_digest \"%s\" is not one of sha256, sha1, "
                "md5 (use what smtpd_tls_fingerprint_digest says)", v);
}

static int check_listen(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);

    if (v == NULL || strncmp(v, "unix:/", 6) == 0
        || (strncmp(v, "inet:", 5) == 0 && strrchr(v + 5, ':') != NULL))
        return 0;
    return fail(cfg, "%s \"%s\" is not \"unix:/path\" or \"inet:HOST:PORT\"",
                opt->name, v);
}

static int check_mode_bits(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);
    size_t n = strspn(v, "01234567");

    if (n >= 3 && n <= 4 && v[n] == '\0')
        return 0;
    return fail(cfg, "%s \"%s\" is not an octal mode such as \"0660\"",
                opt->name, v);
}

/* Runs when a connector section closes: it goes to the hooks, then out
 * of the tree. Kept, every new section's title would be compared with
 * every earlier one's (100,000 connectors took minutes). */
static int connector_closed(cfg_t *cfg, cfg_opt_t *opt)
{
    unsigned last = cfg_opt_size(opt) - 1;
    cfg_t *sec = cfg_opt_getnsec(opt, last);
    int rc = 0;

    (void)cfg;
    if (state->hooks->closed != NULL)
        rc = state->hooks->closed(state->hooks->arg, sec,
                                  (int)cfg_getnint(sec, OPENED_AT, 0));
    cfg_opt_rmnsec(opt, last);
    return rc;
}

static const struct {
    const char *name;
    cfg_validate_callback_t check;
} checks[] = {
    { "syslog_facility", check_facility },
    { "expiry_warning_days", check_range },
    { "milter|socket_mode", check_mode_bits },
    { "policyd|socket_mode", check_mode_bits },
    { "policyd|policy_listen", check_listen },
    { "policyd|tlsmap_listen", check_listen },
    { "policyd|fingerprint_digest", check_digest },
    { "policyd|idle_timeout", check_range },
    { "connector|min_cipher_bits", check_range },
    { "connector|min_key_bits", check_range },
    { "connector|certificate_names", check_name_list },
    { "connector|certificate_issuers", check_name_list },
    { "connector|certificate_files", check_readable },
    { "connector|trust_anchor_files", check_readable },
    { "connector|reply_text", check_reply_text },
    { "connector", connector_closed },
};

cfg_t *conf_schema_parse(const char *path, const char *text,
                         const struct conf_schema_hooks *hooks,
                         struct ft_err *err)
{
    struct parse_state st = { path, err, hooks, "" };
    cfg_t *cfg;
    int rc;

    if ((cfg = cfg_init(global_opts, CFGF_NONE)) == NULL) {
        err_set(err, path, 0, "out of memory");
        return NULL;
    }
    cfg_set_error_function(cfg, on_error);
    for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
        cfg_set_validate_func(cfg, checks[i].name, checks[i].check);
    err->msg[0] = '\0';
    state = &st;
    rc = cfg_parse_buf(cfg, text);
    state = NULL;
    if (rc == CFG_SUCCESS)
        return cfg;
    if (err->msg[0] == '\0')
        err_set(err, path, 0, "syntax error");
    cfg_free(cfg);
    return NULL;
}

int conf_schema_networks(cfg_t *sec, const char *key, struct ft_cidr **out,
                         size_t *n)
{
    unsigned size = cfg_size(sec, key);

    *n = 0;
    if (size == 0)
        return 0;
    if ((*out = malloc(size * sizeof(**out))) == NULL)
        return -1;
    for (unsigned i = 0; i < size; i++)
        (*out)[i] = *(const struct ft_cidr *)cfg_getnptr(sec, key, i);
    *n = size;
    return 0;
}
