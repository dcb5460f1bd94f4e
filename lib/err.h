/* err.h - errors carried to the caller: where (file, line) and what. */
#ifndef FT_ERR_H
#define FT_ERR_H

#include <stddef.h>

struct ft_err {
    char file[256];     /* empty when the error has no file */
    int line;           /* 0 when the error has no line */
    char msg[768];
};

/* Record an error; file may be NULL, line 0. */
void err_set(struct ft_err *err, const char *file, int line,
             const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* "file:line: message", "file: message" or "message" into buf. */
const char *err_text(const struct ft_err *err, char *buf, size_t len);

#endif
