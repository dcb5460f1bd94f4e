/* test_netstring.c - netstrings parsed whole, partial, broken or too long,
 * and written back. */
#include <stdbool.h>

#include "netstring.h"
#include "tap.h"

struct case_ {
    const char *name, *in;
    size_t max;
    enum ft_netstring want;
    const char *data;       /* payload when OK */
    size_t used;
};

static const struct case_ cases[] = {
    { "simple", "5:hello,", 100, NETSTRING_OK, "hello", 8 },
    { "empty payload", "0:,", 100, NETSTRING_OK, "", 3 },
    { "followed by the next", "1:a,1:b,", 100, NETSTRING_OK, "a", 4 },
    { "payload with colon and comma", "4:a:,b,", 100, NETSTRING_OK, "a:,b",
      7 },
    { "socketmap query", "24:forcetls contoso.example,", 100, NETSTRING_OK,
      "forcetls contoso.example", 28 },
    { "exactly max", "3:abc,", 3, NETSTRING_OK, "abc", 6 },
    { "nothing yet", "", 100, NETSTRING_PARTIAL, NULL, 0 },
    { "digits only", "12", 100, NETSTRING_PARTIAL, NULL, 0 },
    { "colon, no payload", "5:", 100, NETSTRING_PARTIAL, NULL, 0 },
    { "payload short", "5:hell", 100, NETSTRING_PARTIAL, NULL, 0 },
    { "no comma yet", "5:hello", 100, NETSTRING_PARTIAL, NULL, 0 },
    { "wrong terminator", "5:hello;", 100, NETSTRING_BAD, NULL, 0 },
    { "length too small", "4:hello,", 100, NETSTRING_BAD, NULL, 0 },
    { "no length", ":hello,", 100, NETSTRING_BAD, NULL, 0 },
    { "letter in length", "5x:hello,", 100, NETSTRING_BAD, NULL, 0 },
    { "sign", "+5:hello,", 100, NETSTRING_BAD, NULL, 0 },
    { "leading zero", "05:hello,", 100, NETSTRING_BAD, NULL, 0 },
    { "space before length", " 5:hello,", 100, NETSTRING_BAD, NULL, 0 },
    { "garbage", "GET / HTTP/1.0\r\n", 100, NETSTRING_BAD, NULL, 0 },
    { "one over max", "4:abcd,", 3, NETSTRING_TOO_LONG, NULL, 0 },
    { "too long, seen from the digits alone", "1000000", 1024,
      NETSTRING_TOO_LONG, NULL, 0 },
    { "overflowing length", "99999999999999999999999999:", 1024,
      NETSTRING_TOO_LONG, NULL, 0 },
};

static void test_parse(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct case_ *c = &cases[i];
        const char *data = NULL;
        size_t dlen = 0, used = 0;
        enum ft_netstring got = netstring_parse(c->in, strlen(c->in), c->max,
                                                &data, &dlen, &used);

        TAP_OK(got == c->want, c->name, "got %s, want %s",
               netstring_status_name(got), netstring_status_name(c->want));
        if (got == NETSTRING_OK && c->want == NETSTRING_OK) {
            TAP_OK(dlen == strlen(c->data)
                       && memcmp(data, c->data, dlen) == 0,
                   c->name, "payload \"%.*s\", want \"%s\"", (int)dlen, data,
                   c->data);
            TAP_INT(used, c->used, c->name);
        }
    }
}

static void test_binary_payload(void)
{
    const char in[] = "3:a\0b,";
    const char *data;
    size_t dlen, used;

    TAP_OK(netstring_parse(in, sizeof(in) - 1, 10, &data, &dlen, &used)
               == NETSTRING_OK && dlen == 3 && data[1] == '\0',
           "a NUL in the payload is payload", "not parsed as 3 bytes");
}

static void test_format(void)
{
    char out[16];

    TAP_INT(netstring_format(out, sizeof(out), "OK secure", 9), 12,
            "format: length");
    TAP_STR(out, "9:OK secure,", "format: text");
    TAP_INT(netstring_format(out, sizeof(out), "", 0), 3, "format: empty");
    TAP_STR(out, "0:,", "format: empty text");
    TAP_INT(netstring_format(out, sizeof(out), "NOTFOUND ", 9), 12,
            "format: NOTFOUND with its space");
    TAP_STR(out, "9:NOTFOUND ,", "format: NOTFOUND text");
    /* "12:" + 12 + "," + NUL = 17 > 16 */
    TAP_INT(netstring_format(out, sizeof(out), "abcdefghijkl", 12), 0,
            "format: does not fit, nothing written");
    TAP_INT(netstring_format(out, sizeof(out), "abcdefghijk", 11), 15,
            "format: fits exactly");
}

int main(void)
{
    test_parse();
    test_binary_payload();
    test_format();
    return tap_done();
}
