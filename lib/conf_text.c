/* conf_text.c - forcetls.conf as text: libconfuse counts comment lines
 * twice and reports the line where a section ends, so comments are
 * blanked and each connector's first line and bytes are found here. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_text.h"

void conf_blocks_free(struct conf_blocks *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].title);
    free(t->v);
}

static int blocks_push(struct conf_blocks *t, const char *s, size_t len, int line,
                       size_t start)
{
    struct conf_block *v;

    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        if ((v = realloc(t->v, cap * sizeof(*v))) == NULL)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    v = &t->v[t->n];
    if ((v->title = strndup(s, len)) == NULL)
        return -1;
    v->line = line;
    v->start = start;
    v->end = 0;
    t->n++;
    return 0;
}

/* Skip blanks and comments from p, counting lines. */
static const char *skip_space(const char *p, int *line)
{
    for (;;) {
        if (*p == '\n')
            ++*line, p++;
        else if (isspace((unsigned char)*p))
            p++;
        else if (*p == '#' || (p[0] == '/' && p[1] == '/'))
            p += strcspn(p, "\n");
        else if (p[0] == '/' && p[1] == '*') {
            for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
                if (*p == '\n')
                    ++*line;
            p += *p ? 2 : 0;
        } else
            return p;
    }
}

/* Skip a quoted string starting at its opening quote; closed says
 * whether the text closes it. */
static const char *skip_string(const char *p, int *line, bool *closed)
{
    char q = *p++;

    for (; *p && *p != q; p++) {
        if (*p == '\\' && p[1] != '\0')
            p++;
        if (*p == '\n')
            ++*line;
    }
    *closed = *p != '\0';
    return *p ? p + 1 : p;
}

/* A quoted string, noting the first one the text never closes: libconfuse
 * takes a stray quote at the end of a file for an empty string, and its
 * scanner stays inside the string for the next text it is given. */
static const char *skip_quoted(struct conf_blocks *t, const char *p, int *line)
{
    int at = *line;
    bool closed;
    const char *end = skip_string(p, line, &closed);

    if (!closed && t->open_quote_line == 0)
        t->open_quote_line = at;
    return end;
}

static size_t word_len(const char *p)
{
    size_t n = 0;

    while (p[n] && (isalnum((unsigned char)p[n]) || strchr("_-.", p[n])))
        n++;
    return n;
}

/* Find each top-level "connector TITLE { ... }": its line (libconfuse
 * keeps the line where a section ends; people want where it starts) and
 * its bytes, so that each is parsed on its own. */
int conf_text_blocks(const char *text, struct conf_blocks *t)
{
    const char *p = text;
    int line = 1, depth = 0;
    bool titled = false;    /* the next '{' opens the last connector */
    size_t n;

    while (*(p = skip_space(p, &line)) != '\0') {
        if (*p == '"' || *p == '\'') {
            p = skip_quoted(t, p, &line);
        } else if (*p == '{') {
            if (depth++ == 0) {
                t->open_line = line;
                t->open_title = titled ? t->v[t->n - 1].title : NULL;
            }
            titled = false;
            p++;
        } else if (*p == '}') {
            if (--depth == 0) {
                if (t->open_title != NULL)
                    t->v[t->n - 1].end = (size_t)(p + 1 - text);
                t->open_line = 0;
                t->open_title = NULL;
            }
            p++;
        } else if ((n = word_len(p)) == 0) {
            p++;
        } else if (depth == 0 && n == 9 && strncmp(p, "connector", 9) == 0) {
            int at = line;
            const char *q = skip_space(p + 9, &line);

            if (*q == '"' || *q == '\'') {
                const char *end = skip_quoted(t, q, &line);
                if (blocks_push(t, q + 1, (size_t)(end - q - 2), at,
                                (size_t)(p - text)) != 0)
                    return -1;
                p = end;
            } else {
                if (word_len(q) == 0 && t->untitled_line == 0)
                    t->untitled_line = at;
                if (blocks_push(t, q, word_len(q), at, (size_t)(p - text))
                    != 0)
                    return -1;
                p = q + word_len(q);
            }
            titled = true;
        } else {
            p += n;
        }
    }
    return 0;
}

/* The whole file as a string; NULL with errno set when it cannot be read
 * or is not a regular file (a directory would read as an empty file). */
static char *read_file(const char *path)
{
    struct stat st;
    char *buf = NULL;
    ssize_t got = -1;
    int fd, saved;

    if ((fd = open(path, O_RDONLY)) < 0)
        return NULL;
    if (fstat(fd, &st) != 0)
        goto out;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        goto out;
    }
    if ((buf = malloc((size_t)st.st_size + 1)) != NULL
        && (got = read(fd, buf, (size_t)st.st_size)) >= 0)
        buf[got] = '\0';
out:
    saved = errno;
    if (got < 0) {
        free(buf);
        buf = NULL;
    }
    close(fd);
    errno = saved;
    return buf;
}

/* Blank out comments, keeping newlines: libconfuse 3.3 counts every
 * comment line twice, so a file with comments gets wrong error lines. */
static void blank_comments(char *text)
{
    int line = 0;
    bool closed;

    for (char *p = text; *p != '\0';) {
        if (*p == '"' || *p == '\'') {
            p = (char *)skip_string(p, &line, &closed);
        } else if (*p == '#' || (p[0] == '/' && (p[1] == '/' || p[1] == '*'))) {
            char *end = (char *)skip_space(p, &line);
            for (; p < end; p++)
                if (*p != '\n')
                    *p = ' ';
        } else {
            p++;
        }
    }
}

/* The text without its connectors, newlines kept so lines still count. */
char *conf_text_globals(const char *text, const struct conf_blocks *t)
{
    char *copy = strdup(text);

    if (copy == NULL)
        return NULL;
    for (size_t i = 0; i < t->n; i++)
        for (size_t b = t->v[i].start; b < t->v[i].end; b++)
            if (copy[b] != '\n')
                copy[b] = ' ';
    return copy;
}

/* libconfuse accepts a file that ends inside a section or a string. */
static int check_balance(const char *path, const struct conf_blocks *t,
                         struct ft_err *err)
{
    if (t->open_quote_line != 0) {
        err_set(err, path, t->open_quote_line, "the quote here is never "
                "closed");
        return -1;
    }
    if (t->open_line == 0)
        return 0;
    if (t->open_title != NULL)
        err_set(err, path, t->open_line, "connector \"%s\": the '{' here is "
                "never closed", t->open_title);
    else
        err_set(err, path, t->open_line, "the '{' here is never closed");
    return -1;
}

static int by_title(const void *a, const void *b)
{
    const struct conf_block *x = a, *y = b;
    int c = strcmp(x->title, y->title);

    return c != 0 ? c : x->line - y->line;
}

/* libconfuse silently merges two sections with one title. */
static int check_duplicate_titles(const char *path, const struct conf_blocks *t,
                                  struct ft_err *err)
{
    struct conf_block *sorted;
    int rc = 0;

    if (t->n < 2)
        return 0;
    if ((sorted = malloc(t->n * sizeof(*sorted))) == NULL) {
        err_set(err, path, 0, "out of memory");
        return -1;
    }
    memcpy(sorted, t->v, t->n * sizeof(*sorted));
    qsort(sorted, t->n, sizeof(*sorted), by_title);
    for (size_t i = 1; i < t->n && rc == 0; i++) {
        if (strcmp(sorted[i].title, sorted[i - 1].title) == 0) {
            err_set(err, path, sorted[i].line, "connector \"%s\" is defined "
                    "twice (first at line %d); give each connector its own "
                    "name", sorted[i].title, sorted[i - 1].line);
            rc = -1;
        }
    }
    free(sorted);
    return rc;
}

static int check_titles(const char *path, const struct conf_blocks *t,
                        struct ft_err *err)
{
    if (t->untitled_line == 0)
        return 0;
    err_set(err, path, t->untitled_line, "a connector needs a name: "
            "connector NAME { ... }");
    return -1;
}

int conf_text_check(const char *path, const struct conf_blocks *b,
                    struct ft_err *err)
{
    if (check_balance(path, b, err) != 0
        || check_titles(path, b, err) != 0
        || check_duplicate_titles(path, b, err) != 0)
        return -1;
    return 0;
}

char *conf_text_read(const char *path, struct ft_err *err)
{
    char *text = read_file(path);

    if (text == NULL) {
        err_set(err, path, 0, "cannot read the configuration: %s",
                strerror(errno));
        return NULL;
    }
    blank_comments(text);
    return text;
}
