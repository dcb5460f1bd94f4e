/* logread.h - mail log files line by line, plain or gzip, or standard
 * input; a truncated or corrupt file is read as far as it goes, and said. */
#ifndef FT_LOGREAD_H
#define FT_LOGREAD_H

#include <stdbool.h>
#include <stddef.h>

struct logread;

/* Open path ("-" for standard input); NULL with a message in err. */
struct logread *logread_open(const char *path, char *err, size_t errlen);

/* The next line without its newline, or NULL at the end or on an error.
 * A line longer than the buffer is returned in full, never split. */
const char *logread_line(struct logread *r);

/* After the last line: NULL when the file was read to its end, else why
 * not ("unexpected end of file" for a truncated .gz). */
const char *logread_error(struct logread *r);

void logread_close(struct logread *r);

#endif
