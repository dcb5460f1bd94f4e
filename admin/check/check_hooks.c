/* check_hooks.c - forcetls check: where Postfix hands mail to our
 * daemons. Sockets are compared as each side spells them (sockmatch.c),
 * per master.cf service, with its -o overrides and its chroot. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "sockmatch.h"
#include "trusted.h"

const char *const check_restriction_lists[] = {
    "smtpd_client_restrictions", "smtpd_helo_restrictions",
    "smtpd_sender_restrictions", "smtpd_relay_restrictions",
    "smtpd_recipient_restrictions", "smtpd_data_restrictions",
    "smtpd_end_of_data_restrictions",
};
const size_t check_nrestriction_lists = sizeof(check_restriction_lists)
                                        / sizeof(check_restriction_lists[0]);

void check_hooks_of(const struct ft_conf *conf, struct check_hooks *h)
{
    memset(h, 0, sizeof(*h));
    h->milter_ok = sock_from_libmilter(conf->milter.socket, &h->milter);
    for (size_t i = 0; i < conf->policyd.policy_listen.n
                       && h->npolicy < CHECK_MAX_POLICY_SOCKETS; i++)
        if (sock_from_listen(conf->policyd.policy_listen.v[i],
                             &h->policy[h->npolicy]))
            h->npolicy++;
}

bool check_list_has_sock(const char *list, const struct sock *ours,
                         size_t nours, const char *qdir, bool chroot)
{
    size_t n;
    char **v = postconf_list(list, &n);
    bool found = false;

    for (size_t i = 0; i < n && !found; i++) {
        struct sock theirs;
        if (sock_from_postfix(v[i], qdir, chroot, &theirs))
            for (size_t j = 0; j < nours && !found; j++)
                found = sock_same(&ours[j], &theirs);
    }
    postconf_list_free(v, n);
    return found;
}

void check_spelling(const struct postconf *pc, const struct sock *s,
                    struct spelling *sp)
{
    const char *qdir = postconf_value(pc, "queue_directory");

    sp->note[0] = '\0';
    if (s == NULL)
        snprintf(sp->name, sizeof(sp->name), "unix:forcetls/SOCKET");
    else if (!sock_postfix_spelling(s, qdir, sp->name, sizeof(sp->name)))
        snprintf(sp->note, sizeof(sp->note), " (the socket is outside "
                 "queue_directory %s, where a chrooted Postfix daemon "
                 "cannot reach it: move it under %s/forcetls)", qdir, qdir);
}

/* check_policy_service SOCKET in any restriction list of the service. */
bool check_policy_hooked(const struct postconf *pc,
                         const struct pc_service *svc,
                         const struct check_hooks *h)
{
    const char *qdir = postconf_value(pc, "queue_directory");

    for (size_t p = 0; p < check_nrestriction_lists; p++) {
        size_t n;
        char **v = postconf_list(postconf_service_value(
                                     pc, svc, check_restriction_lists[p]),
                                 &n);
        bool found = false;

        for (size_t i = 0; i + 1 < n && !found; i++)
            if (strcmp(v[i], "check_policy_service") == 0)
                found = check_list_has_sock(v[i + 1], h->policy, h->npolicy,
                                            qdir, svc->chroot);
        postconf_list_free(v, n);
        if (found)
            return true;
    }
    return false;
}

/* receive_override_options = no_milters is how Postfix's content filter
 * examples turn milters off on a reinjection service. */
bool check_milter_hooked(const struct postconf *pc,
                         const struct pc_service *svc,
                         const struct check_hooks *h)
{
    return h->milter_ok
        && strstr(postconf_service_value(pc, svc, "receive_override_options"),
                  "no_milters") == NULL
        && check_list_has_sock(postconf_service_value(pc, svc,
                                                      "smtpd_milters"),
                               &h->milter, 1,
                               postconf_value(pc, "queue_directory"),
                               svc->chroot);
}

bool check_service_trusted(const struct ft_conf *conf,
                           const struct pc_service *svc)
{
    char host[256];
    const char *colon = strrchr(svc->name, ':');
    struct ft_client c;
    size_t n;

    if (colon == NULL)
        return false;
    n = (size_t)(colon - svc->name);
    if (n >= 2 && svc->name[0] == '[' && svc->name[n - 1] == ']')
        snprintf(host, sizeof(host), "%.*s", (int)(n - 2), svc->name + 1);
    else
        snprintf(host, sizeof(host), "%.*s", (int)n,
                 strncmp(svc->name, "localhost:", 10) == 0 ? "127.0.0.1"
                                                           : svc->name);
    client_set(&c, "unknown", host);
    return trusted_client(conf, &c);
}

static bool overridden(const struct pc_service *svc, const char *name)
{
    for (size_t i = 0; i < svc->overrides.n; i++)
        if (strcmp(svc->overrides.v[i].name, name) == 0)
            return true;
    return false;
}

/* "127.0.0.1:10025", "[::1]:10025", "localhost:10025". */
static bool on_loopback(const char *name)
{
    return strncmp(name, "127.", 4) == 0 || strncmp(name, "[::1]:", 6) == 0
        || strncmp(name, "localhost:", 10) == 0;
}

bool check_is_reinjection(const struct ft_conf *conf,
                          const struct postconf *pc,
                          const struct pc_service *svc,
                          const struct check_hooks *h)
{
    return on_loopback(svc->name) && !overridden(svc, "smtpd_milters")
        && check_milter_hooked(pc, svc, h)
        && !check_service_trusted(conf, svc);
}
