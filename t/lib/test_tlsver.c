/* test_tlsver.c - TLS version names, both ways, and their order. */
#include <stdbool.h>

#include "tap.h"
#include "tlsver.h"

struct parse_case {
    const char *name, *text;
    bool ok;
    enum ft_tls_version want;
};

static const struct parse_case parse_cases[] = {
    { "SSLv3", "SSLv3", true, FT_TLS_SSLV3 },
    { "TLSv1", "TLSv1", true, FT_TLS_V1 },
    { "TLSv1.1", "TLSv1.1", true, FT_TLS_V1_1 },
    { "TLSv1.2", "TLSv1.2", true, FT_TLS_V1_2 },
    { "TLSv1.3", "TLSv1.3", true, FT_TLS_V1_3 },
    { "lower case", "tlsv1.2", true, FT_TLS_V1_2 },
    { "upper case", "TLSV1.3", true, FT_TLS_V1_3 },
    { "sslv3 lower", "sslv3", true, FT_TLS_SSLV3 },
    { "TLSv1.4 unknown", "TLSv1.4", false, FT_TLS_UNKNOWN },
    { "TLSv1.0 is not a name", "TLSv1.0", false, FT_TLS_UNKNOWN },
    { "SSLv2 unknown", "SSLv2", false, FT_TLS_UNKNOWN },
    { "no v", "TLS1.2", false, FT_TLS_UNKNOWN },
    { "trailing space", "TLSv1.2 ", false, FT_TLS_UNKNOWN },
    { "prefix only", "TLSv1.", false, FT_TLS_UNKNOWN },
    { "the word unknown", "unknown", false, FT_TLS_UNKNOWN },
    { "empty", "", false, FT_TLS_UNKNOWN },
};

struct name_case {
    enum ft_tls_version v;
    const char *want;
};

static const struct name_case name_cases[] = {
    { FT_TLS_UNKNOWN, "unknown" },
    { FT_TLS_SSLV3, "SSLv3" },
    { FT_TLS_V1, "TLSv1" },
    { FT_TLS_V1_1, "TLSv1.1" },
    { FT_TLS_V1_2, "TLSv1.2" },
    { FT_TLS_V1_3, "TLSv1.3" },
    { (enum ft_tls_version)42, "unknown" },
};

int main(void)
{
    for (size_t i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]);
         i++) {
        const struct parse_case *c = &parse_cases[i];
        enum ft_tls_version v = (enum ft_tls_version)99;
        bool ok = tlsver_parse(c->text, &v);

        TAP_OK(ok == c->ok && (!ok || v == c->want), c->name,
               "got ok=%d v=%d, want ok=%d v=%d", ok, (int)v, c->ok,
               (int)c->want);
    }
    for (size_t i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++)
        TAP_STR(tlsver_name(name_cases[i].v), name_cases[i].want,
                name_cases[i].want);
    TAP_OK(!tlsver_parse(NULL, &(enum ft_tls_version){ 0 }), "NULL",
           "accepted");
    TAP_OK(FT_TLS_SSLV3 < FT_TLS_V1 && FT_TLS_V1 < FT_TLS_V1_1
           && FT_TLS_V1_1 < FT_TLS_V1_2 && FT_TLS_V1_2 < FT_TLS_V1_3,
           "versions ordered by strength", "out of order");
    return tap_done();
}
