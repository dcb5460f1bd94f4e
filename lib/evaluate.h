/* evaluate.h - one connector's requirements against what a client showed. */
#ifndef FT_EVALUATE_H
#define FT_EVALUATE_H

#include <stdarg.h>

#include "connector.h"
#include "tlsfacts.h"

enum ft_failure {
    FT_FAIL_NONE,
    FT_FAIL_CLIENT_ADDRESS,   /* outside the partner's networks */
    FT_FAIL_NO_TLS,
    FT_FAIL_PROTOCOL,         /* version, cipher bits, forward secrecy */
    FT_FAIL_CERTIFICATE,      /* missing, unverified, name, issuer, pin */
    FT_FAIL_INTERNAL,
};

#define FT_REASON_MAX 256

struct ft_result {
    enum ft_failure failure;
    char reason[FT_REASON_MAX];   /* the first unmet requirement, in words */
};

/* Check the connector's requirements in a fixed order and stop at the
 * first that fails. Certificate pins are checked only when the facts carry
 * fingerprints (policy delegation); a pinned certificate needs no CA. */
void evaluate_connector(const struct ft_connector *c, const struct ft_tls *tls,
                        const struct ft_client *client, struct ft_result *r);

const char *failure_name(enum ft_failure f);

/* Set r to failure f with the reason in words (printf format). */
void result_vset(struct ft_result *r, enum ft_failure f, const char *fmt,
                 va_list ap);

#endif
