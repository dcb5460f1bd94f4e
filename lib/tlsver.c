/* tlsver.c - TLS protocol version names as OpenSSL, Postfix and Sendmail
 * report them; an unknown name is never taken for a known version. */
#include <stddef.h>
#include <strings.h>

#include "tlsver.h"

/* Indexed by enum ft_tls_version. */
static const char *const tlsver_names[] = {
    [FT_TLS_UNKNOWN] = "unknown",
    [FT_TLS_SSLV3] = "SSLv3",
    [FT_TLS_V1] = "TLSv1",
    [FT_TLS_V1_1] = "TLSv1.1",
    [FT_TLS_V1_2] = "TLSv1.2",
    [FT_TLS_V1_3] = "TLSv1.3",
};

#define TLSVER_COUNT (sizeof(tlsver_names) / sizeof(tlsver_names[0]))

bool tlsver_parse(const char *name, enum ft_tls_version *out)
{
    if (name == NULL)
        return false;
    /* From 1: "unknown" names no version. */
    for (unsigned v = 1; v < TLSVER_COUNT; v++) {
        if (strcasecmp(name, tlsver_names[v]) == 0) {
            *out = (enum ft_tls_version)v;
            return true;
        }
    }
    return false;
}

const char *tlsver_name(enum ft_tls_version v)
{
    if ((unsigned)v >= TLSVER_COUNT)
        return "unknown";
    return tlsver_names[v];
}
