/* conf_schema.h - the libconfuse schema of forcetls.conf and the checks
 * that run while a value is parsed, so errors carry its exact line. */
#ifndef FT_CONF_SCHEMA_H
#define FT_CONF_SCHEMA_H

#include <confuse.h>

#include "err.h"

#define FT_DEFAULT_MILTER_SOCKET "unix:/var/spool/postfix/forcetls/milter.sock"
#define FT_DEFAULT_POLICY_SOCKET "unix:/var/spool/postfix/forcetls/policy.sock"
#define FT_DEFAULT_TLSMAP_SOCKET "unix:/var/spool/postfix/forcetls/tlsmap.sock"

/* Parse path into a new cfg_t; NULL with err set (file and line) on any
 * syntax error, unknown key or malformed value. */
cfg_t *conf_schema_parse(const char *path, struct ft_err *err);

#endif
