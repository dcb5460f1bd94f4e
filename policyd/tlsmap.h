/* tlsmap.h - socketmap queries from smtp_tls_policy_maps answered from
 * the outbound connectors. */
#ifndef FT_POLICYD_TLSMAP_H
#define FT_POLICYD_TLSMAP_H

#include <stddef.h>

#include "conf.h"

#define TLSMAP_QUERY_MAX 1024     /* "NAME KEY": a map name and a next hop */
#define TLSMAP_REPLY_MAX 8192     /* Postfix accepts up to 100000 */

/* The reply (netstring payload, not NUL-terminated) to the query
 * query[0..qlen): "OK policy", "NOTFOUND ", "PERM why" or "TEMP why".
 * Returns its length; out holds at least TLSMAP_REPLY_MAX bytes. */
size_t tlsmap_answer(const struct ft_conf *conf, const char *query,
                     size_t qlen, char *out, size_t outlen);

#endif
