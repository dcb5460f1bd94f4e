/* conf_schema.h - the libconfuse schema of forcetls.conf: one parse of
 * the whole file, each value checked and converted as it is read, so that
 * errors carry its exact line. */
#ifndef FT_CONF_SCHEMA_H
#define FT_CONF_SCHEMA_H

#include <confuse.h>
#include <stddef.h>

#include "err.h"
#include "ipaddr.h"

#define FT_DEFAULT_MILTER_SOCKET "unix:/var/spool/postfix/forcetls/milter.sock"
#define FT_DEFAULT_POLICY_SOCKET "unix:/var/spool/postfix/forcetls/policy.sock"
#define FT_DEFAULT_TLSMAP_SOCKET "unix:/var/spool/postfix/forcetls/tlsmap.sock"

/* What the parse tells its caller about connector sections as it meets
 * them; either function may be NULL. */
struct conf_schema_hooks {
    /* A connector titled title opened; line is that of its '{'. */
    void (*opened)(void *arg, const char *title, int line);
    /* Connector section sec, opened at line, closed: non-zero (with the
     * parse's err set) stops the parse. The section is dropped after. */
    int (*closed)(void *arg, cfg_t *sec, int line);
    void *arg;
};

/* Parse text, the comment-blanked content of path: each connector goes
 * to hooks as it closes and is dropped, so the result holds the global
 * keys only. NULL with err set (file and line) on any syntax error,
 * unknown key, malformed value or error from hooks. */
cfg_t *conf_schema_parse(const char *path, const char *text,
                         const struct conf_schema_hooks *hooks,
                         struct ft_err *err);

/* The networks of list key of sec, parsed as they were read, into a new
 * array; -1 when out of memory. */
int conf_schema_networks(cfg_t *sec, const char *key, struct ft_cidr **out,
                         size_t *n);

#endif
