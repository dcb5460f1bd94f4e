/* tlspolicy.c - outbound connectors rendered as smtp_tls_policy_maps
 * values (postconf(5), Postfix 3.6+ syntax); a value that cannot be
 * written exactly is refused, never written weaker. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain.h"
#include "tlspolicy.h"

/* Key exchanges without forward secrecy. OpenSSL 1.1+ knows only the
 * first three; the static (EC)DH names matter to Postfix builds on older
 * OpenSSL, and a name a library does not know is ignored in exclusions. */
#define TLSPOLICY_NO_FS_EXCLUDE "kRSA:kPSK:kRSAPSK:kECDHr:kECDHe:kDHr:kDHd"

const struct ft_connector *tlspolicy_lookup(const struct ft_conf *conf,
                                            const char *key)
{
    bool subdomains_only = key[0] == '.';
    const struct ft_connector *c;
    unsigned idx;

    /* Next-hop keys ("[relay]:587", "host:25") fail domain parsing. */
    if (!domainmap_best(conf->out_recipient, key + (subdomains_only ? 1 : 0),
                        subdomains_only, &idx))
        return NULL;
    c = &conf->connectors[idx];
    return c->mode == FT_MODE_ENFORCE ? c : NULL;
}

/* Like snprintf: pos counts what was asked for, even past len. */
struct out {
    char *buf;
    size_t len, pos;
};

static void put(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(o->pos < o->len ? o->buf + o->pos : NULL,
                  o->pos < o->len ? o->len - o->pos : 0, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->pos += (size_t)n;
}

/* Attribute values may not hold whitespace or commas (they separate
 * attributes), and ':' separates the items of one value. */
static bool item_ok(const char *s)
{
    if (*s == '\0')
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == ',' || *p == ':' || *p == 0x7f)
            return false;
    return true;
}

/* match= for verify and secure: certificate_names joined with ':'; our
 * "*.example.com" is Postfix's ".example.com" (a subdomain of it). */
static bool put_names(struct out *o, const struct ft_strv *names)
{
    for (size_t i = 0; i < names->n; i++) {
        const char *name = names->v[i];

        if (strncmp(name, "*.", 2) == 0)
            name++;
        if (!item_ok(name))
            return false;
        put(o, "%s%s", i == 0 ? " match=" : ":", name);
    }
    return true;
}

/* match= for fingerprint: pins joined with '|' (':' is inside them). */
static void put_pins(struct out *o, const struct ft_strv *pins)
{
    for (size_t i = 0; i < pins->n; i++)
        put(o, "%s%s", i == 0 ? " match=" : "|", pins->v[i]);
}

/* tafile= may be repeated, one file each. */
static bool put_tafiles(struct out *o, const struct ft_strv *files)
{
    for (size_t i = 0; i < files->n; i++) {
        if (!item_ok(files->v[i]))
            return false;
        put(o, " tafile=%s", files->v[i]);
    }
    return true;
}

int tlspolicy_render(const struct ft_connector *c, char *buf, size_t len)
{
    struct out o = { buf, len, 0 };

    if (len > 0)
        buf[0] = '\0';
    if (c->direction != FT_DIR_OUTBOUND)
        return -1;
    put(&o, "%s", level_name(c->level));
    if (c->level == FT_LEVEL_FINGERPRINT)
        put_pins(&o, &c->pins);
    else if (!put_names(&o, &c->cert_names))
        return -1;
    if (c->has_min_version)
        put(&o, " protocols=>=%s", tlsver_name(c->min_version));
    if (c->require_fs)
        put(&o, " exclude=" TLSPOLICY_NO_FS_EXCLUDE);
    if (!put_tafiles(&o, &c->ta_files))
        return -1;
    return (int)o.pos;
}
