/* test_logline.c - syslog line framing: each time stamp form gives the
 * right UTC second, and a line cut short anywhere is refused without
 * reading past its end. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "logline.h"
#include "tap.h"

struct split_case {
    const char *name;
    const char *line;
    size_t len;             /* bytes of line, a NUL inside included */
    bool ok;
    long time;              /* UTC seconds when ok and an ISO time */
    const char *prog;
};

#define L(s) s, sizeof(s) - 1

static const struct split_case split_cases[] = {
    { "ISO with Z", L("2025-06-01T10:00:01Z h forcetls-milter[7]: x"), true,
      1748772001, "forcetls-milter" },
    { "ISO with +hh:mm", L("2025-06-01T12:00:01.25+02:00 h p[1]: x"), true,
      1748772001, "p" },
    { "ISO with -hh:mm", L("2025-06-01T08:30:01-01:30 h p[1]: x"), true,
      1748772001, "p" },
    { "journalctl short-iso +hhmm", L("2025-06-01T10:00:01+0000 h p[1]: x"),
      true, 1748772001, "p" },
    { "stderr line", L("forcetls-policyd[9]: x"), true, 0,
      "forcetls-policyd" },
    /* The bytes after the NUL would make a good line if read. */
    { "offset cut short at the end",
      L("2025-06-01T10:00:01+00:0\0 h p[1]: x"), false, 0, "" },
    { "offset of one digit", L("2025-06-01T10:00:01+0\0 h p[1]: x"), false,
      0, "" },
    { "offset sign only", L("2025-06-01T10:00:01+\0 h p[1]: x"), false, 0,
      "" },
    { "offset with letters", L("2025-06-01T10:00:01+0a:00 h p[1]: x"),
      false, 0, "" },
    { "time cut short", L("2025-06-01T10:0"), false, 0, "" },
    { "BSD time cut short", L("Jun  1 10:00"), false, 0, "" },
};

/* Each line in a heap block of exactly its length, so that a sanitizer
 * build also sees a read past its end. */
static void split_case(const struct split_case *tc)
{
    char *line = malloc(tc->len + 1);
    struct log_line got;
    bool ok;

    if (line == NULL)
        exit(99);
    memcpy(line, tc->line, tc->len);
    line[tc->len] = '\0';
    ok = logline_split(line, 1748772001, &got);
    TAP_INT(ok, tc->ok, tc->name);
    if (ok && tc->ok && got.has_time)
        TAP_INT(got.time, tc->time, tc->name);
    if (ok && tc->ok)
        TAP_STR(got.prog, tc->prog, tc->name);
    free(line);
}

int main(void)
{
    for (size_t i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++)
        split_case(&split_cases[i]);
    return tap_done();
}
