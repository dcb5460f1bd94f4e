/* mx.h - the mail exchangers of a domain, best first. */
#ifndef FT_MX_H
#define FT_MX_H

#include <stddef.h>

#define MX_MAX 16
#define MX_NAME 256

/* 1 and hosts in preference order; 0 when the domain has no MX (mail
 * goes to the domain itself, RFC 5321 5.1); -1 with a message in err. */
int mx_lookup(const char *domain, char hosts[][MX_NAME], size_t *n,
              char *err, size_t errlen);

#endif
