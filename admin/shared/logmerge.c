/* logmerge.c - a k-way merge holding one line per file: memory does not
 * grow with the logs, and with the few files a report reads, finding the
 * earliest head by a scan is cheaper than any heap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logmerge.h"
#include "logread.h"

struct source {
    struct logread *lr;       /* NULL when done or never opened */
    const char *path;
    const char *line;         /* the head, inside lr's buffer */
    struct log_line ll;
    bool framed;
    time_t order;             /* the head's time, or its predecessor's */
};

struct logmerge {
    struct source *src;
    size_t n;
    time_t now;
    const char *prog;
    bool pending;             /* the source last returned must advance */
    size_t last;
};

static void advance(struct logmerge *m, struct source *s,
                    unsigned long *damaged)
{
    if ((s->line = logread_line(s->lr)) != NULL) {
        s->framed = logline_split(s->line, m->now, &s->ll);
        if (s->ll.has_time)
            s->order = s->ll.time;
        return;
    }
    if (logread_error(s->lr) != NULL) {
        fprintf(stderr, "%s: %s: %s; counted the lines before it\n", m->prog,
                s->path, logread_error(s->lr));
        (*damaged)++;
    }
    logread_close(s->lr);
    s->lr = NULL;
}

struct logmerge *logmerge_open(char *const *paths, size_t n, time_t now,
                               const char *prog, unsigned long *unreadable)
{
    struct logmerge *m = calloc(1, sizeof(*m));
    char err[256];

    if (m == NULL || (m->src = calloc(n ? n : 1, sizeof(*m->src))) == NULL) {
        free(m);
        return NULL;
    }
    m->n = n;
    m->now = now;
    m->prog = prog;
    for (size_t i = 0; i < n; i++) {
        m->src[i].path = paths[i];
        if ((m->src[i].lr = logread_open(paths[i], err, sizeof(err)))
            == NULL) {
            fprintf(stderr, "%s: %s: %s\n", prog, paths[i], err);
            (*unreadable)++;
        }
    }
    return m;
}

const char *logmerge_next(struct logmerge *m, struct log_line *ll,
                          size_t *file, unsigned long *damaged)
{
    struct source *best = NULL;

    if (m->pending)
        advance(m, &m->src[m->last], damaged);
    m->pending = false;
    for (size_t i = 0; i < m->n; i++) {
        struct source *s = &m->src[i];

        if (s->lr != NULL && s->line == NULL)
            advance(m, s, damaged);               /* first read */
        if (s->lr == NULL)
            continue;
        if (best == NULL || s->order < best->order)
            best = s;
    }
    if (best == NULL)
        return NULL;
    m->pending = true;
    m->last = (size_t)(best - m->src);
    *file = m->last;
    if (best->framed)
        *ll = best->ll;
    else
        memset(ll, 0, sizeof(*ll));
    return best->line;
}

void logmerge_close(struct logmerge *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->n; i++)
        logread_close(m->src[i].lr);
    free(m->src);
    free(m);
}
