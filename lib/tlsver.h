/* tlsver.h - TLS protocol versions in their order of strength. */
#ifndef FT_TLSVER_H
#define FT_TLSVER_H

#include <stdbool.h>

enum ft_tls_version {
    FT_TLS_UNKNOWN = 0,     /* encrypted, but a name we do not know */
    FT_TLS_SSLV3,
    FT_TLS_V1,
    FT_TLS_V1_1,
    FT_TLS_V1_2,
    FT_TLS_V1_3,
};

/* "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" (any case). */
bool tlsver_parse(const char *name, enum ft_tls_version *out);
const char *tlsver_name(enum ft_tls_version v);

#endif
