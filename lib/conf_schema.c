/* conf_schema.c - what forcetls.conf may say, and the per-value checks
 * (domain patterns, networks, version and enum names) that libconfuse
 * runs as it reads each value, so every error names its own line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "conf_schema.h"
#include "connector.h"
#include "domain.h"
#include "fingerprint.h"
#include "ipaddr.h"
#include "log.h"
#include "tlsver.h"

/* libconfuse callbacks take no user pointer: the error of the parse
 * running in this thread is reached through this one variable. */
static __thread struct ft_err *parse_err;
static __thread const char *parse_path;
static __thread int parse_line_offset;

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

/* Connectors are parsed one at a time (see conf.c), each on its own: with
 * them all in one cfg_t, libconfuse compares every new title with every
 * earlier one, and 100,000 connectors take minutes. */
static cfg_opt_t global_opts[] = {
    CFG_STR("syslog_facility", "mail", CFGF_NONE),
    CFG_BOOL("log_passes", cfg_true, CFGF_NONE),
    CFG_INT("expiry_warning_days", 30, CFGF_NONE),
    CFG_STR_LIST("trusted_clients", "{}", CFGF_NONE),
    CFG_SEC("milter", milter_opts, CFGF_NONE),
    CFG_SEC("policyd", policyd_opts, CFGF_NONE),
    CFG_END(),
};

static cfg_opt_t block_opts[] = {
    CFG_SEC("connector", connector_opts, CFGF_MULTI | CFGF_TITLE),
    CFG_END(),
};

static void on_error(cfg_t *cfg, const char *fmt, va_list ap)
{
    char msg[sizeof(parse_err->msg)];

    if (parse_err == NULL || parse_err->msg[0] != '\0')
        return;     /* keep the first error: later ones are its echoes */
    vsnprintf(msg, sizeof(msg), fmt, ap);
    err_set(parse_err, parse_path,
            cfg != NULL && cfg->line > 0 ? cfg->line + parse_line_offset : 0,
            "%s", msg);
}

static void fail(cfg_t *cfg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fail(cfg_t *cfg, const char *fmt, ...)
{
    char msg[sizeof(parse_err->msg)];
    const char *title = cfg_title(cfg);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (title != NULL)
        cfg_error(cfg, "connector \"%s\": %s", title, msg);
    else
        cfg_error(cfg, "%s", msg);
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
        fail(cfg, "%s \"%s\" is an address, not a domain; perhaps you "
             "should use \"%s\" instead", opt->name, v, strchr(v, '@') + 1);
    else
        fail(cfg, "%s \"%s\" is not a domain name or \"*.domain\" pattern",
             opt->name, v);
    return -1;
}

static int check_network(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);
    struct ft_cidr net;

    if (v == NULL || cidr_parse(v, &net))
        return 0;
    fail(cfg, "%s \"%s\" is not an IPv4 or IPv6 network such as "
         "\"192.0.2.0/24\" or \"2001:db8::/32\" (host bits must be zero)",
         opt->name, v);
    return -1;
}

static int check_readable(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);

    if (v == NULL || access(v, R_OK) == 0)
        return 0;
    fail(cfg, "%s \"%s\" cannot be read: %s", opt->name, v, strerror(errno));
    return -1;
}

static int check_fingerprint(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);
    char norm[256];

    if (v == NULL || fingerprint_normalize(v, norm, sizeof(norm)))
        return 0;
    fail(cfg, "%s \"%s\" is not a hex fingerprint such as \"SHA256:AB:CD:...\"",
         opt->name, v);
    return -1;
}

static int check_name_list(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);

    if (v == NULL || *v != '\0')
        return 0;
    fail(cfg, "%s has an empty entry", opt->name);
    return -1;
}

static int check_version(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);
    enum ft_tls_version tv;

    if (tlsver_parse(v, &tv))
        return 0;
    fail(cfg, "min_tls_version \"%s\" is not one of SSLv3, TLSv1, TLSv1.1, "
         "TLSv1.2, TLSv1.3", v);
    return -1;
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
        fail(cfg, "direction \"%s\" is not one of inbound, outbound", v);
    else if (strcmp(opt->name, "mode") == 0 && !mode_parse(v, &u.m))
        fail(cfg, "mode \"%s\" is not one of enforce, monitor", v);
    else if (strcmp(opt->name, "action") == 0 && !action_parse(v, &u.a))
        fail(cfg, "action \"%s\" is not one of reject, defer", v);
    else if (strcmp(opt->name, "tls_level") == 0 && !level_parse(v, &u.l))
        fail(cfg, "tls_level \"%s\" is not one of encrypt, verify, secure, "
             "fingerprint, dane, dane-only", v);
    else
        return 0;
    return -1;
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
        fail(cfg, "%s %ld is not between %ld and %ld%s", opt->name, v,
             ranges[i].min, ranges[i].max, ranges[i].hint);
        return -1;
    }
    return 0;
}

static int check_reply_text(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);

    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            fail(cfg, "reply_text contains a control character");
            return -1;
        }
    }
    if (strlen(v) > 400) {
        fail(cfg, "reply_text is longer than 400 characters");
        return -1;
    }
    return 0;
}

static int check_facility(cfg_t *cfg, cfg_opt_t *opt)
{
    int facility;

    if (log_facility_parse(cfg_opt_getnstr(opt, 0), &facility))
        return 0;
    fail(cfg, "syslog_facility \"%s\" is not a syslog facility such as "
         "mail, daemon or local0..local7", cfg_opt_getnstr(opt, 0));
    return -1;
}

static int check_digest(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);

    if (strcmp(v, "sha256") == 0 || strcmp(v, "sha1") == 0
        || strcmp(v, "md5") == 0)
        return 0;
    fail(cfg, "fingerprint_digest \"%s\" is not one of sha256, sha1, md5 "
         "(use what smtpd_tls_fingerprint_digest says)", v);
    return -1;
}

static int check_listen(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = last_value(opt);

    if (v == NULL || strncmp(v, "unix:/", 6) == 0
        || (strncmp(v, "inet:", 5) == 0 && strrchr(v + 5, ':') != NULL))
        return 0;
    fail(cfg, "%s \"%s\" is not \"unix:/path\" or \"inet:HOST:PORT\"",
         opt->name, v);
    return -1;
}

static int check_mode_bits(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *v = cfg_opt_getnstr(opt, 0);
    size_t n = strspn(v, "01234567");

    if (n >= 3 && n <= 4 && v[n] == '\0')
        return 0;
    fail(cfg, "%s \"%s\" is not an octal mode such as \"0660\"", opt->name, v);
    return -1;
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
};

static cfg_t *parse(cfg_opt_t *opts, bool block, const char *path,
                    const char *text, int first_line, struct ft_err *err)
{
    cfg_t *cfg;
    int rc;

    if ((cfg = cfg_init(opts, CFGF_NONE)) == NULL) {
        err_set(err, path, 0, "out of memory");
        return NULL;
    }
    cfg_set_error_function(cfg, on_error);
    for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
        if ((strncmp(checks[i].name, "connector|", 10) == 0) == block)
            cfg_set_validate_func(cfg, checks[i].name, checks[i].check);
    err->msg[0] = '\0';
    parse_err = err;
    parse_path = path;
    parse_line_offset = first_line - 1;
    rc = cfg_parse_buf(cfg, text);
    parse_err = NULL;
    parse_path = NULL;
    if (rc == CFG_SUCCESS)
        return cfg;
    if (err->msg[0] == '\0')
        err_set(err, path, first_line, "syntax error");
    cfg_free(cfg);
    return NULL;
}

cfg_t *conf_schema_parse_globals(const char *path, const char *text,
                                 struct ft_err *err)
{
    return parse(global_opts, false, path, text, 1, err);
}

cfg_t *conf_schema_parse_connector(const char *path, const char *text,
                                   int first_line, struct ft_err *err)
{
    return parse(block_opts, true, path, text, first_line, err);
}
