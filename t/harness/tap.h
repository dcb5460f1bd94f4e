/* tap.h - the Test Anything Protocol for C unit tests: one "ok" line per
 * named case, failures with file:line, got and want. */
#ifndef FT_TAP_H
#define FT_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define TAP_OK(cond, name, ...)                                          \
    do {                                                                 \
        ++tap_n;                                                         \
        if (cond) {                                                      \
            printf("ok %d - %s\n", tap_n, (name));                       \
        } else {                                                         \
            ++tap_failed;                                                \
            printf("not ok %d - %s\n# %s:%d: ", tap_n, (name),           \
                   __FILE__, __LINE__);                                  \
            printf(__VA_ARGS__);                                         \
            printf("\n");                                                \
        }                                                                \
    } while (0)

#define TAP_STR(got, want, name)                                         \
    TAP_OK(strcmp((got), (want)) == 0, (name), "got \"%s\", want \"%s\"", \
           (got), (want))

#define TAP_INT(got, want, name)                                         \
    TAP_OK((long)(got) == (long)(want), (name), "got %ld, want %ld",     \
           (long)(got), (long)(want))

static int tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
