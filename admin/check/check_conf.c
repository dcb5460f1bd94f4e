/* check_conf.c - forcetls check on the configuration alone: what loads
 * can still hurt in production (stale pins, weak keys, connectors that can
 * never pass or that weaken another). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certinfo.h"
#include "check.h"
#include "domain.h"
#include "fingerprint.h"
#include "tlspolicy.h"

#define MAX_CIPHER_BITS 256    /* no TLS cipher offers more */

/* One certificate of a pinned or trust-anchor file. */
static void check_cert(const struct ft_connector *c, const char *key,
                       const char *path, const struct ft_certinfo *ci,
                       time_t now, int warn_days, struct findings *f)
{
    char date[32];
    long days = (long)((ci->not_after - now) / 86400);
    const char *who = ci->subject[0] ? ci->subject : "(empty subject)";

    certinfo_date(ci->not_after, date, sizeof(date));
    if (ci->not_after <= now)
        findings_add(f, FINDING_ERROR, "cert-expired", "connector \"%s\": %s "
                     "\"%s\": certificate \"%s\" expired on %s; ask the "
                     "partner for its new certificate", c->name, key, path,
                     who, date);
    else if (days < warn_days)
        findings_add(f, FINDING_WARNING, "cert-expiring", "connector \"%s\": "
                     "%s \"%s\": certificate \"%s\" expires on %s (in %ld "
                     "day%s); get the partner's next certificate now",
                     c->name, key, path, who, date, days, days == 1 ? "" : "s");
    else
        findings_add(f, FINDING_OK, "cert-valid", "connector \"%s\": %s "
                     "\"%s\": certificate \"%s\" valid until %s", c->name, key,
                     path, who, date);
    if (certinfo_weak_key(ci))
        findings_add(f, FINDING_WARNING, "cert-weak-key", "connector \"%s\": "
                     "%s \"%s\": certificate \"%s\" has a %d-bit %s key; "
                     "2048 bits (RSA) or 256 (EC) is the minimum today",
                     c->name, key, path, who, ci->key_bits, ci->key_type);
    /* A trust anchor's own signature is never checked: only its key is. */
    if (ci->sig_weak && !ci->self_signed)
        findings_add(f, FINDING_WARNING, "cert-weak-signature", "connector "
                     "\"%s\": %s \"%s\": certificate \"%s\" is signed with "
                     "%s; MD5 and SHA-1 signatures can be forged", c->name,
                     key, path, who, ci->sig_alg);
}

static void check_cert_files(const struct ft_connector *c, const char *key,
                             const struct ft_strv *files, time_t now,
                             int warn_days, struct findings *f)
{
    for (size_t i = 0; i < files->n; i++) {
        struct ft_certinfo *ci;
        struct ft_err err;
        char text[1200];
        size_t n;

        if (certinfo_pem_file(files->v[i], &ci, &n, &err) != 0) {
            findings_add(f, FINDING_ERROR, "cert-unreadable", "connector "
                         "\"%s\": %s: %s", c->name, key,
                         err_text(&err, text, sizeof(text)));
            continue;
        }
        for (size_t j = 0; j < n; j++)
            check_cert(c, key, files->v[i], &ci[j], now, warn_days, f);
        free(ci);
    }
}

static bool listed(const struct ft_strv *sv, const char *s)
{
    for (size_t i = 0; i < sv->n; i++)
        if (strcmp(sv->v[i], s) == 0)
            return true;
    return false;
}

/* Exchange's "*.example.com" covers example.com too; ours does not. */
static void check_wildcards(const struct ft_connector *c, const char *key,
                            const struct ft_strv *sv, struct findings *f)
{
    for (size_t i = 0; i < sv->n; i++) {
        bool wildcard;
        const char *base = domain_pattern_base(sv->v[i], &wildcard);

        if (wildcard && !listed(sv, base))
            findings_add(f, FINDING_WARNING, "wildcard-apex", "connector "
                         "\"%s\": %s lists \"%s\" but not \"%s\": \"*.\" "
                         "covers subdomains only; add \"%s\" if mail from "
                         "or to the domain itself must be covered", c->name,
                         key, sv->v[i], base, base);
    }
}

/* Requirements no client can ever meet. */
static void check_never_pass(const struct ft_connector *c, struct findings *f)
{
    if (c->min_bits > MAX_CIPHER_BITS)
        findings_add(f, FINDING_ERROR, "never-pass", "connector \"%s\": "
                     "min_cipher_bits = %d, but no TLS cipher has more than "
                     "%d bits; every partner message will fail", c->name,
                     c->min_bits, MAX_CIPHER_BITS);
    if (c->min_version < FT_TLS_V1_2)
        findings_add(f, FINDING_WARNING, "weak-min-version", "connector "
                     "\"%s\": min_tls_version = %s accepts versions RFC 8996 "
                     "deprecates; TLSv1.2 is the usual minimum", c->name,
                     tlsver_name(c->min_version));
}

/* Pins are compared with the digest Postfix computes; a pin of another
 * size can never equal it. */
static void check_pin_sizes(const struct ft_connector *c, const char *digest,
                            struct findings *f)
{
    size_t want = fingerprint_digest_bytes(digest);
    size_t usable = 0;

    for (size_t i = 0; i < c->pins.n; i++) {
        size_t bytes = fingerprint_bytes(c->pins.v[i]);

        if (bytes == want)
            usable++;
        else
            findings_add(f, FINDING_WARNING, "pin-size", "connector \"%s\": "
                         "pin %s is a %zu-byte digest, but fingerprints are "
                         "%s (%zu bytes): it can never match", c->name,
                         c->pins.v[i], bytes, digest, want);
    }
    if (c->pins.n > 0 && usable == 0)
        findings_add(f, FINDING_ERROR, "never-pass", "connector \"%s\": no "
                     "pin is a %s fingerprint; every certificate will fail",
                     c->name, digest);
}

static bool weaker(const struct ft_connector *a, const struct ft_connector *b)
{
    return (a->level == FT_LEVEL_ENCRYPT && b->level != FT_LEVEL_ENCRYPT)
        || a->min_version < b->min_version;
}

/* For outbound mail the most specific connector wins: one for
 * sub.example.com replaces the one for *.example.com there, and if it asks
 * for less it weakens it. A monitor-mode one is served as "not found",
 * and Postfix then asks for ".example.com": the enforcing parent applies. */
static void check_override(const struct ft_conf *conf,
                           const struct ft_connector *c, struct findings *f)
{
    for (size_t i = 0; i < c->recipient_domains.n; i++) {
        const char *p = c->recipient_domains.v[i];
        const char *parent = strchr(domain_pattern_base(p, NULL), '.');
        const struct ft_connector *o;

        if (parent == NULL
            || (o = tlspolicy_owner(conf, parent + 1, true)) == NULL
            || o == c)
            continue;
        if (c->mode == FT_MODE_MONITOR && o->mode == FT_MODE_ENFORCE)
            findings_add(f, FINDING_WARNING, "outbound-monitor-shadowed",
                         "connector \"%s\" monitors \"%s\", but Postfix "
                         "then finds connector \"%s\" (%s) for its parent "
                         "domain and enforces that: mail to \"%s\" is not "
                         "sent with opportunistic TLS", c->name, p, o->name,
                         level_name(o->level), p);
        else if (c->mode == FT_MODE_ENFORCE && weaker(c, o))
            findings_add(f, FINDING_WARNING, "outbound-weakened", "connector "
                         "\"%s\" (%s) is more specific than connector \"%s\" "
                         "(%s) for \"%s\" and replaces it there: mail to "
                         "\"%s\" gets the weaker policy", c->name,
                         level_name(c->level), o->name, level_name(o->level),
                         p, p);
    }
}

void check_conf(const struct ft_conf *conf, time_t now, struct findings *f)
{
    size_t in = 0, out = 0;

    for (size_t i = 0; i < conf->nconnectors; i++)
        conf->connectors[i].direction == FT_DIR_INBOUND ? in++ : out++;
    findings_add(f, FINDING_OK, "config", "%s: %zu connector%s (%zu inbound, "
                 "%zu outbound)", conf->path, conf->nconnectors,
                 conf->nconnectors == 1 ? "" : "s", in, out);
    for (size_t i = 0; i < conf->nconnectors; i++) {
        const struct ft_connector *c = &conf->connectors[i];

        check_wildcards(c, "sender_domains", &c->sender_domains, f);
        check_wildcards(c, "recipient_domains", &c->recipient_domains, f);
        check_never_pass(c, f);
        check_cert_files(c, "certificate_files", &c->cert_files, now,
                         conf->expiry_warning_days, f);
        check_cert_files(c, "trust_anchor_files", &c->ta_files, now,
                         conf->expiry_warning_days, f);
        if (c->direction == FT_DIR_INBOUND)
            check_pin_sizes(c, conf->policyd.fingerprint_digest, f);
        else
            check_override(conf, c, f);
    }
}
