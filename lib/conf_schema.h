/* conf_schema.h - the libconfuse schema of forcetls.conf and the checks
 * that run while a value is parsed, so errors carry its exact line. */
#ifndef FT_CONF_SCHEMA_H
#define FT_CONF_SCHEMA_H

#include <confuse.h>
#include <stdbool.h>

#include "err.h"

#define FT_DEFAULT_MILTER_SOCKET "unix:/var/spool/postfix/forcetls/milter.sock"
#define FT_DEFAULT_POLICY_SOCKET "unix:/var/spool/postfix/forcetls/policy.sock"
#define FT_DEFAULT_TLSMAP_SOCKET "unix:/var/spool/postfix/forcetls/tlsmap.sock"

/* Parse the global keys and sections of path, whose text (with every
 * connector blanked out) is given; NULL with err set (file and line) on
 * any syntax error, unknown key or malformed value. */
cfg_t *conf_schema_parse_globals(const char *path, const char *text,
                                 struct ft_err *err);

/* Parse one "connector NAME { ... }" of path that starts at first_line;
 * the result holds that one "connector" section. */
cfg_t *conf_schema_parse_connector(const char *path, const char *text,
                                   int first_line, struct ft_err *err);

#endif
