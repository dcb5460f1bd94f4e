/* test_xtext.c - RFC 3461 xtext decoding, good and bad escapes. */
#include <stdbool.h>

#include "tap.h"
#include "xtext.h"

struct case_ {
    const char *name, *in;
    bool ok;
    const char *want;
};

static const struct case_ cases[] = {
    { "plain", "mx.example.com", true, "mx.example.com" },
    { "empty", "", true, "" },
    { "space and comma", "Example+2C+20Inc", true, "Example, Inc" },
    { "plus", "a+2Bb", true, "a+b" },
    { "equals encoded", "CN+3Dmx", true, "CN=mx" },
    { "equals bare (Sendmail leaves it)", "CN=mx", true, "CN=mx" },
    { "lower-case hex accepted", "a+2cb", true, "a,b" },
    { "escape at the end", "ab+41", true, "abA" },
    { "UTF-8 bytes", "M+C3+BCller", true, "M\xc3\xbcller" },
    { "high byte", "+FF", true, "\xff" },
    { "encoded NUL", "a+00b", false, "" },
    { "truncated: nothing", "ab+", false, "" },
    { "truncated: one digit", "ab+4", false, "" },
    { "not hex", "a+G1", false, "" },
    { "second not hex", "a+1G", false, "" },
    { "plus plus", "a++41", false, "" },
    { "space after plus", "a+ 41", false, "" },
};

int main(void)
{
    char out[64], small[4];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct case_ *c = &cases[i];
        bool ok = xtext_decode(c->in, out, sizeof(out));

        TAP_INT(ok, c->ok, c->name);
        if (ok && c->ok)
            TAP_STR(out, c->want, c->name);
    }
    TAP_OK(xtext_decode("abc", small, sizeof(small)), "exactly fits",
           "refused");
    TAP_STR(small, "abc", "exactly fits: value");
    TAP_OK(!xtext_decode("abcd", small, sizeof(small)), "one byte too many",
           "accepted");
    TAP_OK(xtext_decode("a+2Cc", small, sizeof(small)),
           "escape shrinks to fit", "refused");
    TAP_OK(!xtext_decode("abc+2C", small, sizeof(small)),
           "escape overflows", "accepted");
    TAP_OK(!xtext_decode("", small, 0), "zero-sized output", "accepted");
    TAP_OK(!xtext_decode(NULL, out, sizeof(out)), "NULL input", "accepted");
    return tap_done();
}
