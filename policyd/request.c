/* request.c - policy requests framed and split; anything Postfix would not
 * send (control bytes, lines without '=', repeated names, oversize) makes
 * the request malformed, and a malformed request gets no answer. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

void request_scan_reset(struct ft_reqscan *s)
{
    s->pos = 0;
    s->line_start = 0;
}

enum ft_request request_scan(struct ft_reqscan *s, const char *buf,
                             size_t len, char *why, size_t whylen)
{
    for (; s->pos < len; s->pos++) {
        unsigned char c = (unsigned char)buf[s->pos];

        if (c == '\n') {
            bool blank = s->pos == s->line_start;

            s->line_start = s->pos + 1;
            if (blank) {
                s->pos++;
                return REQUEST_COMPLETE;
            }
        } else if (c < ' ' || c == 0x7f) {
            snprintf(why, whylen, "control byte 0x%02X at offset %zu", c,
                     s->pos);
            return REQUEST_BAD;
        } else if (s->pos - s->line_start >= REQUEST_LINE_MAX) {
            snprintf(why, whylen, "line longer than %d bytes",
                     REQUEST_LINE_MAX);
            return REQUEST_BAD;
        }
        if (s->pos >= REQUEST_SIZE_MAX) {
            snprintf(why, whylen, "request longer than %d bytes",
                     REQUEST_SIZE_MAX);
            return REQUEST_BAD;
        }
    }
    return REQUEST_PARTIAL;
}

static int attr_cmp(const void *a, const void *b)
{
    return strcmp(((const struct ft_attr *)a)->name,
                  ((const struct ft_attr *)b)->name);
}

/* Attributes are kept sorted by name: about forty per request, looked up
 * a dozen times, at tens of thousands of requests a second. */
const char *request_get(const struct ft_request_attrs *req, const char *name)
{
    const struct ft_attr key = { name, NULL };
    const struct ft_attr *a = bsearch(&key, req->v, req->n, sizeof(*a),
                                      attr_cmp);

    return a != NULL ? a->value : NULL;
}

static bool add_attr(struct ft_request_attrs *req, char *line, char *why,
                     size_t whylen)
{
    char *eq = strchr(line, '=');

    if (eq == NULL) {
        snprintf(why, whylen, "line without '=': \"%.40s\"", line);
        return false;
    }
    if (eq == line) {
        snprintf(why, whylen, "attribute without a name");
        return false;
    }
    if (req->n == REQUEST_ATTRS_MAX) {
        snprintf(why, whylen, "more than %d attributes", REQUEST_ATTRS_MAX);
        return false;
    }
    *eq = '\0';
    req->v[req->n].name = line;
    req->v[req->n++].value = eq + 1;
    return true;
}

/* Sort for request_get(); a name twice is refused, since which of the two
 * counts would be a guess. */
static bool sort_attrs(struct ft_request_attrs *req, char *why, size_t whylen)
{
    qsort(req->v, req->n, sizeof(req->v[0]), attr_cmp);
    for (size_t i = 1; i < req->n; i++) {
        if (strcmp(req->v[i - 1].name, req->v[i].name) == 0) {
            snprintf(why, whylen, "attribute \"%.40s\" repeated",
                     req->v[i].name);
            return false;
        }
    }
    return true;
}

bool request_parse(char *buf, size_t end, struct ft_request_attrs *req,
                   char *why, size_t whylen)
{
    char *line = buf, *nl;

    req->n = 0;
    /* The scan guarantees buf ends with "\n\n" and holds no NUL. */
    while (line < buf + end
           && (nl = memchr(line, '\n', (size_t)(buf + end - line))) != NULL
           && nl != line) {
        *nl = '\0';
        if (!add_attr(req, line, why, whylen))
            return false;
        line = nl + 1;
    }
    if (!sort_attrs(req, why, whylen))
        return false;
    if (request_get(req, "request") == NULL) {
        snprintf(why, whylen, "no \"request\" attribute");
        return false;
    }
    return true;
}
