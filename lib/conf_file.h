/* conf_file.h - forcetls.conf as text, made fit for libconfuse: comments
 * blanked, and what the file opens and never closes found. */
#ifndef FT_CONF_FILE_H
#define FT_CONF_FILE_H

#include <stdbool.h>

#include "err.h"

struct conf_file {
    char *text;             /* comments replaced by blanks, newlines kept */
    int open_brace_line;    /* an outermost '{' never closed, or 0 */
    bool open_brace_shared; /* another outermost '{' is on that line */
};

/* Read path into f; -1 with err set (file and line) when it cannot be
 * read, is not a regular file, or has a quote or a comment it never
 * closes. A '{' never closed is only noted: naming its section takes the
 * grammar. */
int conf_file_read(const char *path, struct conf_file *f, struct ft_err *err);

void conf_file_free(struct conf_file *f);

#endif
