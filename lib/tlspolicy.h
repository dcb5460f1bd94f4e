/* tlspolicy.h - outbound connectors as smtp_tls_policy_maps entries: one
 * renderer for the live socketmap and for `forcetls tlspolicy`. */
#ifndef FT_TLSPOLICY_H
#define FT_TLSPOLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"

/* The outbound connector, in either mode, whose recipient_domains cover
 * domain most specifically (the exact domain, then "*." of the nearest
 * parent, as Postfix walks its keys); with subdomains_only, only "*."
 * patterns on domain or a parent count. NULL when none does. */
const struct ft_connector *tlspolicy_owner(const struct ft_conf *conf,
                                           const char *domain,
                                           bool subdomains_only);

/* The enforcing outbound connector that serves a Postfix policy-map key:
 * "sub.example.com" (that domain), ".example.com" (any strict subdomain of
 * example.com), or NULL for keys it does not own: next-hop keys such as
 * "[relay.example]:587", unknown domains, and domains whose most specific
 * connector is in monitor mode (Postfix's own TLS applies to those). */
const struct ft_connector *tlspolicy_lookup(const struct ft_conf *conf,
                                            const char *key);

/* The policy-map key for a recipient_domains pattern: "example.com" as
 * is, "*.example.com" as Postfix's ".example.com". */
const char *tlspolicy_key(const char *pattern);

/* For each recipient_domains pattern of each outbound connector, in file
 * order: the connector, the pattern as written and its policy-map key. */
typedef void tlspolicy_key_fn(const struct ft_connector *c,
                              const char *pattern, const char *key,
                              void *arg);
void tlspolicy_each_key(const struct ft_conf *conf, tlspolicy_key_fn *fn,
                        void *arg);

/* The policy value for an outbound connector, e.g. "secure
 * match=mx.example.com protocols=!SSLv2:!SSLv3:!TLSv1:!TLSv1.1" (a
 * minimum version as the versions below it, which every Postfix reads);
 * returns the length (as snprintf), or -1 when it cannot be rendered. */
int tlspolicy_render(const struct ft_connector *c, char *buf, size_t len);

#endif
