/* err.c - errors carried to the caller; never a static, so threads and
 * reloads cannot see each other's errors. */
#include <stdarg.h>
#include <stdio.h>

#include "err.h"

void err_set(struct ft_err *err, const char *file, int line,
             const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return;
    snprintf(err->file, sizeof(err->file), "%s", file != NULL ? file : "");
    err->line = line;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
}

const char *err_text(const struct ft_err *err, char *buf, size_t len)
{
    if (err->file[0] != '\0' && err->line > 0)
        snprintf(buf, len, "%s:%d: %s", err->file, err->line, err->msg);
    else if (err->file[0] != '\0')
        snprintf(buf, len, "%s: %s", err->file, err->msg);
    else
        snprintf(buf, len, "%s", err->msg);
    return buf;
}
