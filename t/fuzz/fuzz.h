/* fuzz.h - what the libFuzzer targets share: the input as a C string,
 * split into fields, a silent log, one configuration for the whole run,
 * and a check that aborts (a finding) when a promise is broken. */
#ifndef FT_FUZZ_H
#define FT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A promise broken: libFuzzer records abort() as a crash. */
#define FUZZ_CHECK(cond)                                                 \
    do {                                                                 \
        if (!(cond)) {                                                   \
            fprintf(stderr, "%s:%d: broken: %s\n", __FILE__, __LINE__,   \
                    #cond);                                              \
            abort();                                                     \
        }                                                                \
    } while (0)

/* The log sink of a fuzz run: nothing. */
void fuzz_no_log(int prio, const char *label, const char *line);

/* The input, NUL-terminated in a block of exactly its size plus one, so
 * that ASan sees any read past it; the log is silenced. */
char *fuzz_str(const uint8_t *data, size_t size);

/* Split s in place at each sep into at most n fields; missing ones are
 * NULL. Returns how many there are. */
size_t fuzz_fields(char *s, char sep, char **out, size_t n);

/* The connectors the decision targets judge against, loaded once. */
struct ft_conf *fuzz_conf(void);

#endif
