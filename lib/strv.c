/* strv.c - a growable list of owned strings; a failed push leaves the list
 * as it was. */
#include <stdlib.h>
#include <string.h>

#include "strv.h"

int strv_push(struct ft_strv *sv, const char *s)
{
    char **v;
    char *copy;

    if ((copy = strdup(s)) == NULL)
        return -1;
    if ((v = realloc(sv->v, (sv->n + 1) * sizeof(*v))) == NULL) {
        free(copy);
        return -1;
    }
    v[sv->n++] = copy;
    sv->v = v;
    return 0;
}

void strv_free(struct ft_strv *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = 0;
}
