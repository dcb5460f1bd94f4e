/* check_postfix.c - forcetls check on the Postfix side: is mail handed to
 * the daemons, can Postfix give them what the connectors require, and is
 * outbound mail routed where a recipient-domain policy applies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static void needs_of(const struct ft_conf *conf, struct check_needs *n)
{
    memset(n, 0, sizeof(*n));
    for (size_t i = 0; i < conf->nconnectors; i++) {
        const struct ft_connector *c = &conf->connectors[i];

        if (c->direction == FT_DIR_OUTBOUND) {
            n->outbound = true;
            n->dane |= c->level == FT_LEVEL_DANE
                || c->level == FT_LEVEL_DANE_ONLY;
            n->ca |= (c->level == FT_LEVEL_VERIFY
                      || c->level == FT_LEVEL_SECURE) && c->ta_files.n == 0;
            continue;
        }
        n->inbound = true;
        n->cert |= c->require_cert;
        n->verify |= c->require_cert && c->pins.n == 0;
        n->pins |= c->pins.n > 0;
        if (c->min_version > n->min_version)
            n->min_version = c->min_version;
    }
}

/* smtpd_tls_protocols: ">=TLSv1.2", "<=TLSv1.2", "!SSLv3, !TLSv1" or a
 * list of the allowed ones; the highest version it allows. */
static enum ft_tls_version highest_allowed(const char *value)
{
    size_t n;
    char **v = postconf_list(value, &n);
    bool allowed[FT_TLS_V1_3 + 1];
    bool positive = false;
    enum ft_tls_version ver, top = FT_TLS_UNKNOWN;

    for (int i = 0; i <= FT_TLS_V1_3; i++)
        allowed[i] = true;
    for (size_t i = 0; i < n; i++) {
        const char *p = v[i];
        if (strncmp(p, ">=", 2) == 0 && tlsver_parse(p + 2, &ver))
            continue;             /* a floor never lowers the top */
        if (strncmp(p, "<=", 2) == 0 && tlsver_parse(p + 2, &ver)) {
            for (int k = ver + 1; k <= FT_TLS_V1_3; k++)
                allowed[k] = false;
        } else if (p[0] == '!' && tlsver_parse(p + 1, &ver)) {
            allowed[ver] = false;
        } else if (tlsver_parse(p, &ver)) {
            if (!positive)
                for (int k = 0; k <= FT_TLS_V1_3; k++)
                    allowed[k] = false;
            positive = true;
            allowed[ver] = true;
        }
    }
    postconf_list_free(v, n);
    for (int k = FT_TLS_SSLV3; k <= FT_TLS_V1_3; k++)
        if (allowed[k])
            top = (enum ft_tls_version)k;
    return top;
}

/* NULL when the service offers STARTTLS, else what keeps it from it. */
static const char *starttls_missing(const struct postconf *pc,
                                    const struct pc_service *svc)
{
    const char *level = postconf_service_get(pc, svc,
                                             "smtpd_tls_security_level");
    const char *keys[] = { "smtpd_tls_cert_file", "smtpd_tls_eccert_file",
                           "smtpd_tls_chain_files" };
    bool cert = false;

    for (size_t i = 0; i < 3; i++) {
        const char *v = postconf_service_get(pc, svc, keys[i]);
        cert |= v != NULL && *v != '\0';
    }
    if (level == NULL || *level == '\0'
        ? !postconf_yes(postconf_service_get(pc, svc, "smtpd_use_tls"))
        : strcmp(level, "may") != 0 && strcmp(level, "encrypt") != 0)
        return "smtpd_tls_security_level is not may";
    if (!cert)
        return "there is no server certificate: set smtpd_tls_cert_file "
               "and smtpd_tls_key_file (or smtpd_tls_chain_files)";
    return NULL;
}

static void check_ask_ccert(const struct postconf *pc,
                            const struct pc_service *svc,
                            const struct check_needs *n, struct findings *f)
{
    const char *v = postconf_service_value(pc, svc, "smtpd_tls_ask_ccert");

    if (!n->cert)
        return;
    if (postconf_yes(v))
        findings_add(f, FINDING_OK, "postfix-ask-ccert", "service %s: "
                     "smtpd_tls_ask_ccert = yes", svc->name);
    else
        findings_add(f, FINDING_ERROR, "postfix-ask-ccert", "service %s: "
                     "smtpd_tls_ask_ccert = %s, but connectors require a "
                     "client certificate, which Postfix asks for only with "
                     "smtpd_tls_ask_ccert = yes", svc->name, v);
}

static void check_ca(const struct postconf *pc, const struct pc_service *svc,
                     const struct check_needs *n, struct findings *f)
{
    const char *file = postconf_service_value(pc, svc, "smtpd_tls_CAfile");
    const char *path = postconf_service_value(pc, svc, "smtpd_tls_CApath");

    if (!n->verify)
        return;
    if (*file || *path)
        findings_add(f, FINDING_OK, "postfix-ca", "service %s: client "
                     "certificates are verified against %s", svc->name,
                     *file ? file : path);
    else
        findings_add(f, FINDING_ERROR, "postfix-ca", "service %s: neither "
                     "smtpd_tls_CAfile nor smtpd_tls_CApath is set, so no "
                     "client certificate is ever verified and connectors "
                     "that require one always fail", svc->name);
}

static void check_protocols(const struct postconf *pc,
                            const struct pc_service *svc,
                            const struct check_needs *n, struct findings *f)
{
    const char *v = postconf_service_value(pc, svc, "smtpd_tls_protocols");
    enum ft_tls_version top = highest_allowed(v);

    if (n->min_version == FT_TLS_UNKNOWN)
        return;
    if (top >= n->min_version)
        findings_add(f, FINDING_OK, "postfix-protocols", "service %s: "
                     "smtpd_tls_protocols = %s allows %s", svc->name,
                     *v ? v : "(default)", tlsver_name(n->min_version));
    else
        findings_add(f, FINDING_ERROR, "postfix-protocols", "service %s: "
                     "smtpd_tls_protocols = %s allows nothing above %s, but "
                     "a connector requires %s", svc->name, v,
                     top == FT_TLS_UNKNOWN ? "(none)" : tlsver_name(top),
                     tlsver_name(n->min_version));
}

/* What one smtpd service that hands mail to forcetls must also do. */
static void check_service(const struct ft_conf *conf, const struct postconf *pc,
                          const struct pc_service *svc, bool milter,
                          bool policy, const struct check_needs *n,
                          struct findings *f)
{
    const char *name = svc->name;
    const char *v;

    findings_add(f, FINDING_OK, "postfix-hook", "service %s/%s hands mail to "
                 "%s%s%s", name, svc->type,
                 milter ? "forcetls-milter (smtpd_milters)" : "",
                 milter && policy ? " and " : "",
                 policy ? "forcetls-policyd (check_policy_service)" : "");
    if ((v = starttls_missing(pc, svc)) != NULL)
        findings_add(f, FINDING_ERROR, "postfix-starttls", "service %s: "
                     "STARTTLS is not offered, because %s; no partner can "
                     "pass a connector", name, v);
    check_ask_ccert(pc, svc, n, f);
    check_ca(pc, svc, n, f);
    check_protocols(pc, svc, n, f);
    v = postconf_service_value(pc, svc, "milter_default_action");
    if (milter && strcmp(v, "tempfail") != 0)
        findings_add(f, FINDING_WARNING, "postfix-milter-default", "service "
                     "%s: milter_default_action = %s; use tempfail so that "
                     "partner mail waits, unchecked mail never passes, while "
                     "the milter is down", name, v);
    v = postconf_service_value(pc, svc, "smtpd_tls_fingerprint_digest");
    if (n->pins && strcmp(v, conf->policyd.fingerprint_digest) != 0)
        findings_add(f, FINDING_ERROR, "postfix-fingerprint-digest", "service "
                     "%s: smtpd_tls_fingerprint_digest = %s but forcetls "
                     "pins are %s (policyd fingerprint_digest); no pin can "
                     "match: make them the same", name, v,
                     conf->policyd.fingerprint_digest);
}

static void check_inbound(const struct ft_conf *conf, const struct postconf *pc,
                          const struct check_needs *n, struct findings *f)
{
    struct check_hooks h;
    size_t hooked = 0, with_policy = 0;

    check_hooks_of(conf, &h);
    for (size_t i = 0; i < pc->nservices; i++) {
        const struct pc_service *svc = &pc->services[i];
        bool milter, policy;

        if (strcmp(svc->type, "inet") != 0 || strcmp(svc->command, "smtpd"))
            continue;
        milter = check_milter_hooked(pc, svc, &h);
        policy = check_policy_hooked(pc, svc, &h);
        /* A loopback reinjection service is check_paths()'s concern. */
        if ((!milter && !policy) || check_is_reinjection(conf, pc, svc, &h)
            || check_service_trusted(conf, svc))
            continue;
        hooked++;
        with_policy += policy;
        check_service(conf, pc, svc, milter, policy, n, f);
    }
    if (hooked == 0) {
        struct spelling milter, policy;

        check_spelling(pc, h.milter_ok ? &h.milter : NULL, &milter);
        check_spelling(pc, h.npolicy ? &h.policy[0] : NULL, &policy);
        findings_add(f, FINDING_ERROR, "postfix-hook", "no smtpd service "
                     "hands mail to forcetls: list %s%s in smtpd_milters, "
                     "or check_policy_service %s%s in "
                     "smtpd_recipient_restrictions; inbound connectors are "
                     "not enforced", milter.name, milter.note, policy.name,
                     policy.note);
    }
    else if (n->pins && with_policy == 0)
        findings_add(f, FINDING_ERROR, "postfix-policy", "connectors pin "
                     "certificates, which only forcetls-policyd can check, "
                     "but no smtpd service uses check_policy_service with a "
                     "policy_listen socket");
    check_paths(conf, pc, &h, f);
}

void check_postfix(const struct ft_conf *conf, const struct postconf *pc,
                   struct findings *f)
{
    struct check_needs n;

    needs_of(conf, &n);
    findings_add(f, FINDING_OK, "postfix", "Postfix %s, configuration in %s",
                 postconf_value(pc, "mail_version"),
                 postconf_value(pc, "config_directory"));
    if (n.inbound)
        check_inbound(conf, pc, &n, f);
    if (n.outbound)
        check_postfix_outbound(conf, pc, &n, f);
}
