/* strv.h - a growable list of owned strings. */
#ifndef FT_STRV_H
#define FT_STRV_H

#include <stddef.h>

struct ft_strv {
    char **v;
    size_t n;
};

/* Append a copy of s; -1 (and the list unchanged) when out of memory. */
int strv_push(struct ft_strv *sv, const char *s);

/* Free every string and the list; sv is empty afterwards. */
void strv_free(struct ft_strv *sv);

#endif
