/* check.h - forcetls check's room: the configuration on its own
 * (check_conf.c, check_revocation.c), and how Postfix is set up around it
 * (check_postfix.c for the smtpd side, check_hooks.c and check_paths.c for
 * where Postfix hands mail to the daemons, check_outbound.c and
 * check_policymaps.c for the smtp side). */
#ifndef FT_CHECK_H
#define FT_CHECK_H

#include <time.h>

#include "conf.h"
#include "findings.h"
#include "postconf.h"
#include "revoke.h"
#include "sockmatch.h"

/* Certificates, wildcards, connectors that can never pass or that weaken
 * another; now is the time expiry is measured from. */
void check_conf(const struct ft_conf *conf, time_t now, struct findings *f);

/* --revocation: the CRL and OCSP answers on every certificate of the
 * connectors' certificate_files and trust_anchor_files, within budget. */
void check_revocation(const struct ft_conf *conf, struct rev_budget *budget,
                      struct findings *f);

/* What the connectors ask of Postfix. */
struct check_needs {
    bool inbound, cert, verify, pins, outbound, dane, ca;
    enum ft_tls_version min_version;      /* highest inbound minimum */
};

struct spelling {
    char name[600];          /* "unix:forcetls/milter.sock" */
    char note[600];          /* "" or why a chrooted daemon cannot reach it */
};
/* How main.cf should name one of our sockets s (NULL: none configured). */
void check_spelling(const struct postconf *pc, const struct sock *s,
                    struct spelling *sp);

#define CHECK_MAX_POLICY_SOCKETS 8

/* Where the daemons listen, as check compares sockets. */
struct check_hooks {
    struct sock milter;
    bool milter_ok;
    struct sock policy[CHECK_MAX_POLICY_SOCKETS];
    size_t npolicy;
};
void check_hooks_of(const struct ft_conf *conf, struct check_hooks *h);

/* Does any element of a Postfix list name one of our sockets? */
bool check_list_has_sock(const char *list, const struct sock *ours,
                         size_t nours, const char *qdir, bool chroot);

/* Does service svc hand mail to the milter? */
bool check_milter_hooked(const struct postconf *pc,
                         const struct pc_service *svc,
                         const struct check_hooks *h);

/* check_policy_service on one of our sockets in any list of svc? */
bool check_policy_hooked(const struct postconf *pc,
                         const struct pc_service *svc,
                         const struct check_hooks *h);

/* A loopback smtpd that inherits the milter from main.cf, as a content
 * filter's reinjection service would. */
bool check_is_reinjection(const struct ft_conf *conf,
                          const struct postconf *pc,
                          const struct pc_service *svc,
                          const struct check_hooks *h);

/* A service whose listening address ("127.0.0.1:10025") is in
 * trusted_clients: mail reinjected there is not judged. */
bool check_service_trusted(const struct ft_conf *conf,
                           const struct pc_service *svc);

/* The restriction lists, in the order Postfix evaluates them. */
extern const char *const check_restriction_lists[];
extern const size_t check_nrestriction_lists;

/* Do both paths judge the same clients: permits before the policy
 * service, smtpd_milter_maps, loopback services inheriting the milter. */
void check_paths(const struct ft_conf *conf, const struct postconf *pc,
                 const struct check_hooks *h, struct findings *f);

/* Which table in smtp_tls_policy_maps answers for partner domains. */
void check_policy_maps(const struct ft_conf *conf, const struct postconf *pc,
                       struct findings *f);

/* smtp_tls_policy_maps and what keeps outbound connectors from applying. */
void check_postfix_outbound(const struct ft_conf *conf,
                            const struct postconf *pc,
                            const struct check_needs *n, struct findings *f);

/* main.cf and master.cf against what the connectors need. */
void check_postfix(const struct ft_conf *conf, const struct postconf *pc,
                   struct findings *f);

#endif
