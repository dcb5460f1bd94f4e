/* test_domain.c - domain names and domain patterns. */
#include <stdbool.h>
#include <string.h>

#include "domain.h"
#include "tap.h"

#define A16 "aaaaaaaaaaaaaaaa"
#define A63 A16 A16 A16 "aaaaaaaaaaaaaaa"

struct norm_case {
    const char *name, *in;
    bool ok;
    const char *want;
};

static const struct norm_case norm_cases[] = {
    { "plain", "example.com", true, "example.com" },
    { "upper case folded", "MX.Example.COM", true, "mx.example.com" },
    { "one trailing dot dropped", "example.com.", true, "example.com" },
    { "two trailing dots", "example.com..", false, "" },
    { "single label", "com", true, "com" },
    { "hyphen and underscore", "a-b_c.example", true, "a-b_c.example" },
    { "digits", "123.45.example", true, "123.45.example" },
    { "empty", "", false, "" },
    { "only a dot", ".", false, "" },
    { "leading dot", ".example.com", false, "" },
    { "empty label", "a..example.com", false, "" },
    { "space", "exa mple.com", false, "" },
    { "star is not a name byte", "*.example.com", false, "" },
    { "at sign", "a@example.com", false, "" },
    { "address literal", "[192.0.2.1]", false, "" },
    { "non-ASCII byte", "b\xc3\xa4r.example", false, "" },
    { "label of 63", A63 ".com", true, A63 ".com" },
    { "label of 64", A63 "a.com", false, "" },
};

static void test_normalize(void)
{
    for (size_t i = 0; i < sizeof(norm_cases) / sizeof(norm_cases[0]); i++) {
        const struct norm_case *c = &norm_cases[i];
        char out[FT_DOMAIN_MAX] = "";
        bool ok = domain_normalize(c->in, out, sizeof(out));

        TAP_INT(ok, c->ok, c->name);
        if (c->ok && ok)
            TAP_STR(out, c->want, c->name);
    }
}

/* n labels "a." repeated, then "b": 2n + 1 octets. */
static void long_name(char *buf, size_t octets)
{
    size_t i;

    for (i = 0; i + 1 < octets; i += 2)
        memcpy(buf + i, "a.", 2);
    buf[i] = 'b';
    buf[i + 1] = '\0';
}

static void test_lengths(void)
{
    char in[300], out[FT_DOMAIN_MAX], dotted[302];

    long_name(in, 253);
    TAP_INT(strlen(in), 253, "253-octet name built");
    TAP_OK(domain_normalize(in, out, sizeof(out)), "253 octets accepted",
           "refused");
    snprintf(dotted, sizeof(dotted), "%s.", in);
    TAP_OK(domain_normalize(dotted, out, sizeof(out)),
           "253 octets and a trailing dot accepted", "refused");
    long_name(in, 255);
    TAP_OK(!domain_normalize(in, out, sizeof(out)), "255 octets refused",
           "accepted");
    TAP_OK(!domain_normalize("example.com", out, 11),
           "output too small refused", "accepted");
    TAP_OK(domain_normalize("example.com", out, 12),
           "output just large enough", "refused");
    strcpy(in, "MX.Example.COM.");
    TAP_OK(domain_normalize(in, in, sizeof(in)), "in place", "refused");
    TAP_STR(in, "mx.example.com", "in place result");
    TAP_OK(!domain_normalize(NULL, out, sizeof(out)), "NULL refused",
           "accepted");
}

struct pattern_case {
    const char *name, *in;
    bool ok, wildcard;
    const char *want;
};

static const struct pattern_case pattern_cases[] = {
    { "exact", "Contoso.COM", true, false, "contoso.com" },
    { "wildcard", "*.Contoso.com", true, true, "contoso.com" },
    { "wildcard trailing dot", "*.contoso.com.", true, true, "contoso.com" },
    { "wildcard on a TLD", "*.com", true, true, "com" },
    { "bare star", "*", false, false, "" },
    { "star dot", "*.", false, false, "" },
    { "star without dot", "*contoso.com", false, false, "" },
    { "inner star", "mx.*.contoso.com", false, false, "" },
    { "double wildcard", "*.*.contoso.com", false, false, "" },
    { "Postfix leading dot", ".contoso.com", false, false, "" },
    { "empty", "", false, false, "" },
};

static void test_patterns(void)
{
    for (size_t i = 0; i < sizeof(pattern_cases) / sizeof(pattern_cases[0]);
         i++) {
        const struct pattern_case *c = &pattern_cases[i];
        char out[FT_DOMAIN_MAX] = "";
        bool wild = !c->wildcard;
        bool ok = domain_pattern_parse(c->in, out, sizeof(out), &wild);

        TAP_INT(ok, c->ok, c->name);
        if (c->ok && ok) {
            TAP_STR(out, c->want, c->name);
            TAP_INT(wild, c->wildcard, c->name);
        }
    }
}

int main(void)
{
    test_normalize();
    test_lengths();
    test_patterns();
    return tap_done();
}
