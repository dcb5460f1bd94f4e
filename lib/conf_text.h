/* conf_text.h - forcetls.conf as text, before libconfuse reads it: where
 * each connector starts and ends, with comments blanked out. */
#ifndef FT_CONF_TEXT_H
#define FT_CONF_TEXT_H

#include <stddef.h>

#include "err.h"

/* One "connector TITLE { ... }" of the text. */
struct conf_block {
    char *title;
    int line;               /* where it starts */
    size_t start, end;      /* its bytes in the text */
};

struct conf_blocks {
    struct conf_block *v;
    size_t n, cap;
    int open_line;          /* an outermost '{' never closed, or 0 */
    const char *open_title; /* its connector, or NULL */
    int open_quote_line;    /* a quote never closed, or 0 */
    int untitled_line;      /* the first "connector" without a name, or 0 */
};

/* The file's text with comments replaced by blanks (newlines kept);
 * NULL with err set when it cannot be read or is not a regular file. */
char *conf_text_read(const char *path, struct ft_err *err);

/* Find every top-level connector; -1 when out of memory. */
int conf_text_blocks(const char *text, struct conf_blocks *b);

/* A '{' or quote never closed, a connector without a name, or two
 * connectors of one name: -1 with err set. */
int conf_text_check(const char *path, const struct conf_blocks *b,
                    struct ft_err *err);

/* A copy of text with the connectors blanked out, for the global keys. */
char *conf_text_globals(const char *text, const struct conf_blocks *b);

void conf_blocks_free(struct conf_blocks *b);

#endif
