/* check_outbound.c - forcetls check on Postfix's outbound side: does
 * smtp_tls_policy_maps reach the connectors (check_policymaps.c), and does
 * anything (relayhost, transport_maps, TLS-Required, REQUIRETLS, missing
 * CAs or DNSSEC) keep a connector's policy from applying. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tlspolicy.h"

struct transport_check {
    const struct postconf *pc;
    char **maps;
    size_t nmaps;
    struct findings *f;
};

static void check_transport_key(const struct ft_connector *c,
                                const char *pattern, const char *key,
                                void *arg)
{
    struct transport_check *t = arg;
    char value[512];

    for (size_t m = 0; m < t->nmaps; m++) {
        const char *hop;
        if (postconf_query(t->pc, t->maps[m], key, value, sizeof(value)) != 1
            || (hop = strchr(value, ':')) == NULL || hop[1] == '\0')
            continue;
        findings_add(t->f, FINDING_WARNING, "postfix-transport",
                     "connector \"%s\": transport_maps %s routes \"%s\" to "
                     "\"%s\", so Postfix looks up the next hop, not \"%s\", "
                     "in smtp_tls_policy_maps: the connector does not apply",
                     c->name, t->maps[m], key, value, pattern);
    }
}

/* A transport_maps entry with a next hop makes Postfix look up that next
 * hop in smtp_tls_policy_maps, not the recipient domain. */
static void check_transport(const struct ft_conf *conf,
                            const struct postconf *pc, struct findings *f)
{
    struct transport_check t = { .pc = pc, .f = f };

    t.maps = postconf_list(postconf_value(pc, "transport_maps"), &t.nmaps);
    tlspolicy_each_key(conf, check_transport_key, &t);
    postconf_list_free(t.maps, t.nmaps);
}

/* Postfix 3.11 returns a REQUIRETLS message (RFC 8689) to its sender
 * unless the server certificate is verified; "encrypt" never verifies. */
static void check_requiretls(const struct ft_conf *conf,
                             const struct postconf *pc, struct findings *f)
{
    if (!postconf_version_at_least(pc, 3, 11))
        return;
    for (size_t i = 0; i < conf->nconnectors; i++) {
        const struct ft_connector *c = &conf->connectors[i];

        if (c->direction == FT_DIR_OUTBOUND && c->level == FT_LEVEL_ENCRYPT)
            findings_add(f, FINDING_WARNING, "postfix-requiretls",
                         "connector \"%s\": tls_level = encrypt does not "
                         "verify the partner's certificate, and Postfix %s "
                         "returns mail sent with REQUIRETLS to its sender "
                         "unless the certificate is verified: use "
                         "tls_level = secure (or verify, dane) for partners "
                         "that may receive REQUIRETLS mail", c->name,
                         postconf_value(pc, "mail_version"));
    }
}

void check_postfix_outbound(const struct ft_conf *conf,
                            const struct postconf *pc,
                            const struct check_needs *n, struct findings *f)
{
    const char *v;

    check_policy_maps(conf, pc, f);
    check_requiretls(conf, pc, f);
    if (*(v = postconf_value(pc, "relayhost")) != '\0')
        findings_add(f, FINDING_WARNING, "postfix-relayhost", "relayhost = "
                     "%s: Postfix looks up that next hop, not the recipient "
                     "domain, in smtp_tls_policy_maps, so recipient-domain "
                     "connectors never apply to relayed mail", v);
    check_transport(conf, pc, f);
    /* Without "TLS connection established" lines a report cannot tell a
     * delivery over TLS from one without. */
    if (atoi(postconf_value(pc, "smtp_tls_loglevel")) < 1)
        findings_add(f, FINDING_WARNING, "postfix-tls-loglevel",
                     "smtp_tls_loglevel = %s: Postfix logs no TLS line for "
                     "its deliveries, so forcetls report shows partners' TLS "
                     "as \"unknown\"; set smtp_tls_loglevel = 1",
                     *postconf_value(pc, "smtp_tls_loglevel")
                         ? postconf_value(pc, "smtp_tls_loglevel") : "0");
    if (postconf_yes(postconf_get(pc, "tls_required_enable")))
        findings_add(f, FINDING_WARNING, "postfix-tls-required",
                     "tls_required_enable = yes: a message with a "
                     "\"TLS-Required: no\" header is sent with opportunistic "
                     "TLS even to partners with an outbound connector; set "
                     "tls_required_enable = no to keep TLS forced");
    v = postconf_value(pc, "smtp_dns_support_level");
    if (n->dane && strcmp(v, "dnssec") != 0)
        findings_add(f, FINDING_ERROR, "postfix-dane", "connectors use "
                     "tls_level dane, which needs smtp_dns_support_level = "
                     "dnssec (it is \"%s\")", v);
    if (n->ca && !*postconf_value(pc, "smtp_tls_CAfile")
        && !*postconf_value(pc, "smtp_tls_CApath")
        && !postconf_yes(postconf_get(pc, "tls_append_default_CA")))
        findings_add(f, FINDING_ERROR, "postfix-smtp-ca", "connectors use "
                     "tls_level secure or verify without trust_anchor_files, "
                     "but neither smtp_tls_CAfile nor smtp_tls_CApath is set: "
                     "no partner certificate can be verified");
}
