/* facts.h - a policy request's client and TLS attributes as the facts
 * lib/ evaluates, certificate fingerprints included. */
#ifndef FT_POLICYD_FACTS_H
#define FT_POLICYD_FACTS_H

#include <stdbool.h>

#include "request.h"
#include "tlsfacts.h"

/* Read client_name/client_address and the encryption_* and ccert_*
 * attributes; unreadable values are logged and left failing. */
void facts_read(const struct ft_request_attrs *req, struct ft_tls *tls,
                struct ft_client *client);

/* Postfix digested the certificate with another algorithm than digest
 * (fingerprint_digest), so no pin can match; false without a certificate. */
bool facts_digest_differs(const struct ft_tls *tls, const char *digest);

#endif
