/* logmerge.h - several mail logs read as one, in time order: the logs of
 * several MX hosts, or one host's rotated files, each already in order. */
#ifndef FT_LOGMERGE_H
#define FT_LOGMERGE_H

#include <stddef.h>
#include <time.h>

#include "logline.h"

struct logmerge;

/* Open paths ("-" standard input); a file that cannot be opened is said
 * on standard error (prog names the command) and counted in *unreadable.
 * NULL when out of memory. */
struct logmerge *logmerge_open(char *const *paths, size_t n, time_t now,
                               const char *prog, unsigned long *unreadable);

/* The next line of all files, earliest first (a line without a time
 * stamp goes with the line before it in its file), with its framing in
 * *ll (false framing: ll->prog is "") and its file's index; NULL at the
 * end. A damaged file is said on standard error and counted in *damaged
 * when its end is reached. */
const char *logmerge_next(struct logmerge *m, struct log_line *ll,
                          size_t *file, unsigned long *damaged);

void logmerge_close(struct logmerge *m);

#endif
