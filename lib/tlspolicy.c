/* tlspolicy.c - outbound connectors rendered as smtp_tls_policy_maps
 * values (postconf(5), Postfix 3.6+ syntax); a value that cannot be
 * written exactly is refused, never written weaker. */
#include <stdio.h>
#include <string.h>

#include "domain.h"
#include "strbuf.h"
#include "tlspolicy.h"

/* Key exchanges without forward secrecy. OpenSSL 1.1+ knows only the
 * first three; the static (EC)DH names matter to Postfix builds on older
 * OpenSSL, and a name a library does not know is ignored in exclusions. */
#define TLSPOLICY_NO_FS_EXCLUDE "kRSA:kPSK:kRSAPSK:kECDHr:kECDHe:kDHr:kDHd"

const struct ft_connector *tlspolicy_owner(const struct ft_conf *conf,
                                           const char *domain,
                                           bool subdomains_only)
{
    unsigned idx;

    /* Next-hop keys ("[relay]:587", "host:25") fail domain parsing. */
    if (!domainmap_best(conf->out_recipient, domain, subdomains_only, &idx))
        return NULL;
    return &conf->connectors[idx];
}

const struct ft_connector *tlspolicy_lookup(const struct ft_conf *conf,
                                            const char *key)
{
    bool subdomains_only = key[0] == '.';
    const struct ft_connector *c =
        tlspolicy_owner(conf, key + (subdomains_only ? 1 : 0),
                        subdomains_only);

    return c != NULL && c->mode == FT_MODE_ENFORCE ? c : NULL;
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
static bool put_names(struct ft_strbuf *o, const struct ft_strv *names)
{
    for (size_t i = 0; i < names->n; i++) {
        const char *name = tlspolicy_key(names->v[i]);

        if (!item_ok(name))
            return false;
        strbuf_puts(o, i == 0 ? " match=" : ":");
        strbuf_puts(o, name);
    }
    return true;
}

/* match= for fingerprint: pins joined with '|' (':' is inside them). */
static void put_pins(struct ft_strbuf *o, const struct ft_strv *pins)
{
    for (size_t i = 0; i < pins->n; i++) {
        strbuf_puts(o, i == 0 ? " match=" : "|");
        strbuf_puts(o, pins->v[i]);
    }
}

/* tafile= may be repeated, one file each. */
static bool put_tafiles(struct ft_strbuf *o, const struct ft_strv *files)
{
    for (size_t i = 0; i < files->n; i++) {
        if (!item_ok(files->v[i]))
            return false;
        strbuf_puts(o, " tafile=");
        strbuf_puts(o, files->v[i]);
    }
    return true;
}

const char *tlspolicy_key(const char *pattern)
{
    bool wildcard;
    const char *base = domain_pattern_base(pattern, &wildcard);

    /* "*.x" becomes ".x": keep the dot in front of the base. */
    return wildcard ? base - 1 : pattern;
}

void tlspolicy_each_key(const struct ft_conf *conf, tlspolicy_key_fn *fn,
                        void *arg)
{
    for (size_t i = 0; i < conf->nconnectors; i++) {
        const struct ft_connector *c = &conf->connectors[i];

        if (c->direction != FT_DIR_OUTBOUND)
            continue;
        for (size_t d = 0; d < c->recipient_domains.n; d++)
            fn(c, c->recipient_domains.v[d],
               tlspolicy_key(c->recipient_domains.v[d]), arg);
    }
}

/* Postfix before 3.6 defers every delivery on "protocols=>=TLSv1.2", so
 * the minimum is written as the versions it excludes, which every Postfix
 * reads; a version newer than TLSv1.3 stays allowed. */
static void put_protocols(struct ft_strbuf *o, enum ft_tls_version min)
{
    strbuf_puts(o, " protocols=!SSLv2");
    for (int v = FT_TLS_SSLV3; v < (int)min; v++) {
        strbuf_puts(o, ":!");
        strbuf_puts(o, tlsver_name((enum ft_tls_version)v));
    }
}

int tlspolicy_render(const struct ft_connector *c, char *buf, size_t len)
{
    struct ft_strbuf o;

    strbuf_init(&o, buf, len);
    if (c->direction != FT_DIR_OUTBOUND)
        return -1;
    strbuf_puts(&o, level_name(c->level));
    if (c->level == FT_LEVEL_FINGERPRINT)
        put_pins(&o, &c->pins);
    else if (!put_names(&o, &c->cert_names))
        return -1;
    put_protocols(&o, c->min_version);
    if (c->require_fs)
        strbuf_puts(&o, " exclude=" TLSPOLICY_NO_FS_EXCLUDE);
    if (!put_tafiles(&o, &c->ta_files))
        return -1;
    return (int)o.pos;
}
