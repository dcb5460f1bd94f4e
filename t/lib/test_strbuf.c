/* test_strbuf.c - appends and copies into a caller's buffer: cut to fit,
 * always terminated, counted as snprintf counts. */
#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "tap.h"

static void copy_case(const char *name, size_t size, const char *s, size_t n)
{
    char got[16], want[16];
    int wantn;

    memset(got, 'x', sizeof(got));
    memset(want, 'x', sizeof(want));
    wantn = snprintf(size > 0 ? want : NULL, size, "%.*s", (int)n, s);
    TAP_OK(strbuf_copy(got, size, s, n) == (size_t)wantn
               && memcmp(got, want, sizeof(got)) == 0,
           name, "got \"%.16s\", want \"%.16s\" (as snprintf \"%%.*s\")",
           got, want);
}

int main(void)
{
    char buf[8];
    struct ft_strbuf sb;

    copy_case("copy: fits", 16, "contoso", 7);
    copy_case("copy: exactly fills", 8, "contoso", 7);
    copy_case("copy: cut by one", 7, "contoso", 7);
    copy_case("copy: the first n bytes only", 16, "contoso.example", 7);
    copy_case("copy: size 1 holds the NUL", 1, "contoso", 7);
    copy_case("copy: size 0 writes nothing", 0, "contoso", 7);
    copy_case("copy: empty", 16, "", 0);

    strbuf_init(&sb, buf, sizeof(buf));
    strbuf_putn(&sb, "action=", 7);
    strbuf_putn(&sb, "DUNNO", 5);
    TAP_STR(buf, "action=", "putn: cut to fit, terminated");
    TAP_INT(sb.pos, 12, "putn: the whole length counted");
    strbuf_init(&sb, buf, sizeof(buf));
    strbuf_put(&sb, "%d-%s", 42, "abcdefgh");
    TAP_STR(buf, "42-abcd", "put: cut to fit, terminated");
    TAP_INT(sb.pos, 11, "put: the whole length counted");
    return tap_done();
}
