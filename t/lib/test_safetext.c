/* test_safetext.c - outside text escaped for people: what passes, what is
 * escaped and how, and cuts that never split an escape. */
#include <string.h>

#include "safetext.h"
#include "tap.h"

struct case_ {
    const char *name, *in, *want;
};

static const struct case_ cases[] = {
    { "plain", "mx.contoso.example", "mx.contoso.example" },
    { "empty", "", "" },
    { "UTF-8 kept", "M\xc3\xbcller \xe2\x82\xac", "M\xc3\xbcller \xe2\x82\xac" },
    { "escape sequence", "a\x1b[2Jb", "a\\x1B[2Jb" },
    { "bell and carriage return", "a\x07\rb", "a\\x07\\x0Db" },
    { "newline", "250-one\n250 two", "250-one\\x0A250 two" },
    { "DEL", "a\x7f", "a\\x7F" },
    { "backslash doubled", "a\\x41", "a\\\\x41" },
    { "invalid byte", "a\xff" "b", "a\\xFFb" },
    { "overlong slash", "\xc0\xaf", "\\xC0\\xAF" },
    { "surrogate", "\xed\xa0\x80", "\\xED\\xA0\\x80" },
    { "cut character", "a\xe2\x82", "a\\xE2\\x82" },
    { "right-to-left override", "mail.\xe2\x80\xae" "elpmaxe",
      "mail.\\u{202E}elpmaxe" },
    { "zero width space", "Contoso\xe2\x80\x8b" "CA", "Contoso\\u{200B}CA" },
    { "isolate", "\xe2\x81\xa6x", "\\u{2066}x" },
    { "byte order mark", "\xef\xbb\xbfx", "\\u{FEFF}x" },
    { "C1 control", "\xc2\x9b" "2J", "\\u{009B}2J" },
    { "soft hyphen", "con\xc2\xadtoso", "con\\u{00AD}toso" },
};

int main(void)
{
    char out[128], small[6];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        TAP_STR(safetext(out, sizeof(out), cases[i].in), cases[i].want,
                cases[i].name);
    TAP_STR(safetext_n(out, sizeof(out), "a\0b", 3), "a\\x00b",
            "a NUL byte inside");
    TAP_STR(safetext(small, sizeof(small), "abcdefg"), "abcde",
            "cut to fit");
    TAP_STR(safetext(small, sizeof(small), "ab\x1b"), "ab",
            "an escape that does not fit is left out whole");
    TAP_STR(safetext(small, sizeof(small), "ab\xe2\x82\xac"), "ab\xe2\x82\xac",
            "a character that fits is kept whole");
    TAP_STR(safetext(small, sizeof(small), "abc\xe2\x82\xac"), "abc",
            "a character that does not fit is left out whole");
    return tap_done();
}
