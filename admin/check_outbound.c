/* check_outbound.c - forcetls check on Postfix's outbound side: is
 * smtp_tls_policy_maps asking the socketmap, and does anything (relayhost,
 * transport_maps, TLS-Required, missing CAs or DNSSEC) keep a connector's
 * policy from applying. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "sockmatch.h"
#include "tlspolicy.h"

/* "socketmap:unix:/p:NAME" or "socketmap:inet:h:p:NAME", maybe behind
 * "proxy:"; true when it is our socket and our map name. */
static bool is_our_socketmap(const struct ft_conf *conf, const char *entry,
                             const char *qdir, bool chroot)
{
    char spec[600];
    const char *name;
    struct sock theirs, ours;

    if (strncmp(entry, "proxy:", 6) == 0)
        entry += 6;
    if (strncmp(entry, "socketmap:", 10) != 0
        || (name = strrchr(entry + 10, ':')) == NULL
        || strcmp(name + 1, conf->policyd.tlsmap_name) != 0)
        return false;
    snprintf(spec, sizeof(spec), "%.*s", (int)(name - entry - 10),
             entry + 10);
    if (!sock_from_postfix(spec, qdir, chroot, &theirs))
        return false;
    for (size_t i = 0; i < conf->policyd.tlsmap_listen.n; i++)
        if (sock_from_listen(conf->policyd.tlsmap_listen.v[i], &ours)
            && sock_same(&ours, &theirs))
            return true;
    return false;
}

static const struct pc_service *smtp_service(const struct postconf *pc)
{
    for (size_t i = 0; i < pc->nservices; i++)
        if (strcmp(pc->services[i].name, "smtp") == 0
            && strcmp(pc->services[i].type, "unix") == 0)
            return &pc->services[i];
    return NULL;
}

static void check_policy_maps(const struct ft_conf *conf,
                              const struct postconf *pc, struct findings *f)
{
    const struct pc_service *svc = smtp_service(pc);
    const char *maps = svc ? postconf_service_get(pc, svc,
                                                  "smtp_tls_policy_maps")
                           : postconf_get(pc, "smtp_tls_policy_maps");
    size_t n;
    char **v = postconf_list(maps ? maps : "", &n);
    bool found = false;

    for (size_t i = 0; i < n && !found; i++)
        found = is_our_socketmap(conf, v[i], check_pc_get(pc, "queue_directory"),
                                 svc != NULL && svc->chroot);
    postconf_list_free(v, n);
    if (found)
        findings_add(f, FINDING_OK, "postfix-policy-maps", "smtp_tls_policy_"
                     "maps asks forcetls-policyd's socketmap \"%s\"",
                     conf->policyd.tlsmap_name);
    else
        findings_add(f, FINDING_ERROR, "postfix-policy-maps", "outbound "
                     "connectors exist, but smtp_tls_policy_maps = %s does "
                     "not ask forcetls-policyd: add socketmap:%s:%s (or a "
                     "static map made with forcetls tlspolicy)",
                     maps && *maps ? maps : "(empty)",
                     conf->policyd.tlsmap_listen.n
                         ? conf->policyd.tlsmap_listen.v[0] : "unix:PATH",
                     conf->policyd.tlsmap_name);
}

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

    t.maps = postconf_list(check_pc_get(pc, "transport_maps"), &t.nmaps);
    tlspolicy_each_key(conf, check_transport_key, &t);
    postconf_list_free(t.maps, t.nmaps);
}

void check_postfix_outbound(const struct ft_conf *conf,
                            const struct postconf *pc,
                            const struct check_needs *n, struct findings *f)
{
    const char *v;

    check_policy_maps(conf, pc, f);
    if (*(v = check_pc_get(pc, "relayhost")) != '\0')
        findings_add(f, FINDING_WARNING, "postfix-relayhost", "relayhost = "
                     "%s: Postfix looks up that next hop, not the recipient "
                     "domain, in smtp_tls_policy_maps, so recipient-domain "
                     "connectors never apply to relayed mail", v);
    check_transport(conf, pc, f);
    if (postconf_yes(postconf_get(pc, "tls_required_enable")))
        findings_add(f, FINDING_WARNING, "postfix-tls-required",
                     "tls_required_enable = yes: a message with a "
                     "\"TLS-Required: no\" header is sent with opportunistic "
                     "TLS even to partners with an outbound connector; set "
                     "tls_required_enable = no to keep TLS forced");
    if (n->dane && strcmp(check_pc_get(pc, "smtp_dns_support_level"), "dnssec") != 0)
        findings_add(f, FINDING_ERROR, "postfix-dane", "connectors use "
                     "tls_level dane, which needs smtp_dns_support_level = "
                     "dnssec (it is \"%s\")", check_pc_get(pc, "smtp_dns_support_level"));
    if (n->ca && !*check_pc_get(pc, "smtp_tls_CAfile") && !*check_pc_get(pc, "smtp_tls_CApath")
        && !postconf_yes(postconf_get(pc, "tls_append_default_CA")))
        findings_add(f, FINDING_ERROR, "postfix-smtp-ca", "connectors use "
                     "tls_level secure or verify without trust_anchor_files, "
                     "but neither smtp_tls_CAfile nor smtp_tls_CApath is set: "
                     "no partner certificate can be verified");
}
