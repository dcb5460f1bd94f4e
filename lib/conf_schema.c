/* conf_schema.c - what forcetls.conf may say, read by one libconfuse
 * parse: the per-value checks (domain patterns, networks, version and enum
 * names) run as it reads each value, so every error names its own line,
 * and each connector is handed on and dropped as it closes. */
#include <errno.h>
#include <libintl.h>
#include <stdio.h>
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
};

/* libconfuse callbacks take no user pointer: the parse running in this
 * thread is reached through this one variable. */
static __thread struct parse_state *state;

static int note_opened(cfg_t *cfg, cfg_opt_t *opt, const char *value,
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

static cfg_opt_t connector_opts[] = {
    CFG_INT_LIST_CB(OPENED_AT, "{0}", CFGF_NONE, note_opened),
    CFG_STR("direction", NULL, CFGF_NODEFAULT),
    CFG_STR("mode", "enforce", CFGF_NONE),
    CFG_STR("action", NULL, CFGF_NODEFAULT),
    CFG_STR_LIST("sender_domains", "{}", CFGF_NONE),
    CFG_STR_LIST("recipient_domains", "{}", CFGF_NONE),
    CFG_STR_LIST("client_addresses", "{}", CFGF_NONE),
    CFG_STR("min_tls_version", "TLSv1.2", CFGF_NONE),
    CFG_BOOL("require_forward_secrecy", cfg_false, CFGF_NONE),
    CFG_INT("min_cipher_bits", 0, CFGF_NONE),
    CFG_BOOL("require_certificate", cfg_false, CFGF_NODEFAULT),
    CFG_STR_LIST("certificate_names", "{}", CFGF_NONE),
    CFG_STR_LIST("certificate_issuers", "{}", CFGF_NONE),
    CFG_STR_LIST("certificate_fingerprints", "{}", CFGF_NONE),
    CFG_STR_LIST("certificate_files", "{}", CFGF_NONE),
    CFG_STR("reply_text", NULL, CFGF_NODEFAULT),
    CFG_STR("tls_level", NULL, CFGF_NODEFAULT),
    CFG_STR_LIST("trust_anchor_files", "{}", CFGF_NONE),
    CFG_INT("min_key_bits", 0, CFGF_NONE),
    CFG_END(),
};

static cfg_opt_t global_opts[] = {
    CFG_STR("syslog_facility", "mail", CFGF_NONE),
    CFG_BOOL("log_passes", cfg_true, CFGF_NONE),
    CFG_INT("expiry_warning_days", 30, CFGF_NONE),
    CFG_STR_LIST("trusted_clients", "{}", CFGF_NONE),
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

/* A list validator sees the list after each element: check the newest. */
static const char *last_value(cfg_opt_t *opt)
{
    unsigned n = cfg_opt_size(opt);

    return n > 0 ? cfg_opt_getnstr(opt, n - 1) : NULL;
}

static int check_domain_pattern(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);
    char norm[FT_DOMAIN_MAX];
    bool wildcard;

    if (v == NULL || domain_pattern_parse(v, norm, sizeof(norm), &wildcard))
        return 0;
    if (strchr(v, '@') != NULL)
        return fail(cfg, "%s \"%s\" is an address, not a domain; perhaps "
                    "you should use \"%s\" instead", opt->name, v,
                    strchr(v, '@') + 1);
    return fail(cfg, "%s \"%s\" is not a domain name or \"*.domain\" "
                "pattern", opt->name, v);
}

static int check_network(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);
    struct ft_cidr net;

    if (v == NULL || cidr_parse(v, &net))
        return 0;
    return fail(cfg, "%s \"%s\" is not an IPv4 or IPv6 network such as "
                "\"192.0.2.0/24\" or \"2001:db8::/32\" (host bits must be "
                "zero)", opt->name, v);
}

static int check_fingerprint(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);
    char norm[256];

    if (v == NULL || fingerprint_normalize(v, norm, sizeof(norm)))
        return 0;
    return fail(cfg, "%s \"%s\" is not a hex fingerprint such as "
                "\"SHA256:AB:CD:...\"", opt->name, v);
}

static int check_version(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);
    enum ft_tls_version tv;

    if (tlsver_parse(v, &tv))
        return 0;
    return fail(cfg, "min_tls_version \"%s\" is not one of SSLv3, TLSv1, "
                "TLSv1.1, TLSv1.2, TLSv1.3", v);
}

static int check_enum(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);
    union {
        enum ft_direction d;
        enum ft_mode m;
        enum ft_action a;
        enum ft_tls_level l;
    } u;

    if (strcmp(opt->name, "direction") == 0 && !direction_parse(v, &u.d))
        return fail(cfg, "direction \"%s\" is not one of inbound, outbound",
                    v);
    if (strcmp(opt->name, "mode") == 0 && !mode_parse(v, &u.m))
        return fail(cfg, "mode \"%s\" is not one of enforce, monitor", v);
    if (strcmp(opt->name, "action") == 0 && !action_parse(v, &u.a))
        return fail(cfg, "action \"%s\" is not one of reject, defer", v);
    if (strcmp(opt->name, "tls_level") == 0 && !level_parse(v, &u.l))
        return fail(cfg, "tls_level \"%s\" is not one of encrypt, verify, "
                    "secure, fingerprint, dane, dane-only", v);
    return 0;
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
    { "connector|direction", check_enum },
    { "connector|mode", check_enum },
    { "connector|action", check_enum },
    { "connector|tls_level", check_enum },
    { "connector|sender_domains", check_domain_pattern },
    { "connector|recipient_domains", check_domain_pattern },
    { "connector|client_addresses", check_network },
    { "trusted_clients", check_network },
    { "connector|min_tls_version", check_version },
    { "connector|min_cipher_bits", check_range },
    { "connector|min_key_bits", check_range },
    { "connector|certificate_names", check_name_list },
    { "connector|certificate_issuers", check_name_list },
    { "connector|certificate_fingerprints", check_fingerprint },
    { "connector|certificate_files", check_readable },
    { "connector|trust_anchor_files", check_readable },
    { "connector|reply_text", check_reply_text },
    { "connector", connector_closed },
};

cfg_t *conf_schema_parse(const char *path, const char *text,
                         const struct conf_schema_hooks *hooks,
                         struct ft_err *err)
{
    struct parse_state st = { path, err, hooks };
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
