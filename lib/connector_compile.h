/* connector_compile.h - a connector section of forcetls.conf, checked and
 * compiled. */
#ifndef FT_CONNECTOR_COMPILE_H
#define FT_CONNECTOR_COMPILE_H

#include <confuse.h>

#include "connector.h"
#include "err.h"

/* Compile section sec (the idx-th connector, starting at line of path)
 * into c; pins from certificate_files use digest. -1 with err set. */
int connector_compile(cfg_t *sec, unsigned idx, int line, const char *path,
                      const char *digest, struct ft_connector *c,
                      struct ft_err *err);

/* The networks of list key (checked by the schema as they were read)
 * into a new array; -1 when out of memory. */
int compile_networks(cfg_t *sec, const char *key, struct ft_cidr **out,
                     size_t *n);

#endif
