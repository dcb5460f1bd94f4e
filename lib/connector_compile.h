/* connector_compile.h - a connector section of forcetls.conf, checked as
 * a whole and compiled. */
#ifndef FT_CONNECTOR_COMPILE_H
#define FT_CONNECTOR_COMPILE_H

#include <confuse.h>

#include "connector.h"
#include "err.h"

/* Compile section sec (the idx-th connector of path, opened at line) into
 * c, all but the pins of its certificate_files. -1 with err set. */
int connector_compile(cfg_t *sec, unsigned idx, int line, const char *path,
                      struct ft_connector *c, struct ft_err *err);

#endif
