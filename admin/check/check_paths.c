/* check_paths.c - forcetls check: does smtpd reach the milter at all (an
 * absolute socket name a chrooted smtpd resolves inside its jail), and do
 * the milter and the policy service judge the same clients? A permit
 * before check_policy_service, a smtpd_milter_maps exemption, or a
 * loopback reinjection service that inherits smtpd_milters make the two
 * paths (or a content filter's return path) disagree. */
#include <stdio.h>
#include <string.h>

#include "check.h"

/* Restrictions that can end a list with OK: the clients they let through
 * never reach a check_policy_service after them. */
static bool may_permit(const char *r)
{
    size_t n = strlen(r);

    return strncmp(r, "permit", 6) == 0
        || (strncmp(r, "check_", 6) == 0 && n > 7
            && strcmp(r + n - 7, "_access") == 0);
}

/* The first restriction that may permit before our check_policy_service
 * in any list of svc, and the list's name; NULL when there is none. */
static const char *permit_before_policy(const struct postconf *pc,
                                        const struct pc_service *svc,
                                        const struct check_hooks *h,
                                        char *found, size_t len)
{
    const char *qdir = postconf_value(pc, "queue_directory");
    const char *list = NULL;

    for (size_t l = 0; l < check_nrestriction_lists && !list; l++) {
        size_t n;
        char **v = postconf_list(postconf_service_value(
                                     pc, svc, check_restriction_lists[l]),
                                 &n);
        const char *permit = NULL;

        for (size_t i = 0; i < n && !list; i++) {
            if (strcmp(v[i], "check_policy_service") == 0 && i + 1 < n
                && check_list_has_sock(v[i + 1], h->policy, h->npolicy,
                                       qdir, svc->chroot)) {
                if (permit != NULL) {
                    snprintf(found, len, "%s", permit);
                    list = check_restriction_lists[l];
                }
                break;
            }
            if (permit == NULL && may_permit(v[i]))
                permit = v[i];
        }
        postconf_list_free(v, n);
    }
    return list;
}

static void check_service_paths(const struct ft_conf *conf,
                                const struct postconf *pc,
                                const struct pc_service *svc,
                                const struct check_hooks *h,
                                struct findings *f)
{
    bool milter = check_milter_hooked(pc, svc, h);
    const char *list, *maps;
    char permit[128];

    if (check_is_reinjection(conf, pc, svc, h))
        findings_add(f, FINDING_WARNING, "postfix-reinjection", "service %s "
                     "listens on loopback and inherits smtpd_milters from "
                     "main.cf: if a content filter reinjects mail there, "
                     "partner mail coming back from the filter (without "
                     "the partner's TLS) is judged again and refused; give "
                     "it -o receive_override_options=no_milters, or list the "
                     "filter's address in trusted_clients", svc->name);
    if (!milter || check_is_reinjection(conf, pc, svc, h)
        || check_service_trusted(conf, svc))
        return;
    if ((list = permit_before_policy(pc, svc, h, permit, sizeof(permit))))
        findings_add(f, FINDING_WARNING, "postfix-paths-disagree", "service "
                     "%s: %s has %s before check_policy_service, so the "
                     "clients it lets through skip forcetls-policyd while "
                     "forcetls-milter judges them: the two paths disagree; "
                     "put check_policy_service first, and list clients "
                     "neither should judge in trusted_clients",
                     svc->name, list, permit);
    maps = postconf_service_value(pc, svc, "smtpd_milter_maps");
    if (*maps && check_policy_hooked(pc, svc, h))
        findings_add(f, FINDING_WARNING, "postfix-paths-disagree", "service "
                     "%s: smtpd_milter_maps = %s can turn the milter off for "
                     "some clients, which forcetls-policyd still judges: "
                     "the two paths disagree; use trusted_clients, which both "
                     "daemons honour", svc->name, maps);
}

/* An smtpd_milters entry named like our socket that resolves elsewhere:
 * the absolute /var/spool/postfix/... spelling seen from inside the
 * chroot. Postfix then tempfails all mail (milter_default_action). */
static void check_milter_spelling(const struct postconf *pc,
                                  const struct pc_service *svc,
                                  const struct check_hooks *h,
                                  struct findings *f)
{
    const char *qdir = postconf_value(pc, "queue_directory");
    const char *ours = strrchr(h->milter.path, '/');
    size_t n;
    char **v = postconf_list(postconf_service_value(pc, svc, "smtpd_milters"),
                             &n);

    for (size_t i = 0; i < n && ours != NULL; i++) {
        struct sock theirs;
        const char *base;
        struct spelling sp;

        if (!sock_from_postfix(v[i], qdir, svc->chroot, &theirs)
            || !theirs.is_unix || sock_same(&h->milter, &theirs)
            || (base = strrchr(theirs.path, '/')) == NULL
            || strcmp(base, ours) != 0)
            continue;
        check_spelling(pc, &h->milter, &sp);
        findings_add(f, FINDING_ERROR, "postfix-milter-socket", "service %s: "
                     "smtpd_milters names %s, which this%s smtpd finds at "
                     "%s, not at forcetls-milter's socket %s: every message "
                     "gets milter_default_action; write %s%s", svc->name,
                     v[i], svc->chroot ? " chrooted" : "", theirs.path,
                     h->milter.path, sp.name, sp.note);
    }
    postconf_list_free(v, n);
}

void check_paths(const struct ft_conf *conf, const struct postconf *pc,
                 const struct check_hooks *h, struct findings *f)
{
    for (size_t i = 0; i < pc->nservices; i++) {
        const struct pc_service *svc = &pc->services[i];

        if (strcmp(svc->type, "inet") == 0
            && strcmp(svc->command, "smtpd") == 0) {
            check_service_paths(conf, pc, svc, h, f);
            if (h->milter_ok && h->milter.is_unix)
                check_milter_spelling(pc, svc, h, f);
        }
    }
}
