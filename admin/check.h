/* check.h - the two halves of forcetls check: the configuration on its
 * own, and how Postfix is set up around it. */
#ifndef FT_CHECK_H
#define FT_CHECK_H

#include <time.h>

#include "conf.h"
#include "findings.h"
#include "postconf.h"

/* Certificates, wildcards, connectors that can never pass or that weaken
 * another; now is the time expiry is measured from. */
void check_conf(const struct ft_conf *conf, time_t now, struct findings *f);

/* What the connectors ask of Postfix. */
struct check_needs {
    bool inbound, cert, verify, pins, outbound, dane, ca;
    enum ft_tls_version min_version;      /* highest inbound minimum */
};

/* A main.cf parameter, "" when this Postfix has none. */
const char *check_pc_get(const struct postconf *pc, const char *name);

/* smtp_tls_policy_maps and what keeps outbound connectors from applying. */
void check_postfix_outbound(const struct ft_conf *conf,
                            const struct postconf *pc,
                            const struct check_needs *n, struct findings *f);

/* main.cf and master.cf against what the connectors need. */
void check_postfix(const struct ft_conf *conf, const struct postconf *pc,
                   struct findings *f);

#endif
