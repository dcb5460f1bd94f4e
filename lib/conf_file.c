/* conf_file.c - forcetls.conf read whole and scanned as libconfuse's lexer
 * reads it, for what that lexer gets wrong: it counts a comment's lines
 * more than once, so comments are blanked (newlines kept); and it takes
 * the end of the file for the end of a string, a comment or a section, so
 * those the file never closes are found. Lexical only: which keys and
 * sections the text holds is the schema's to say. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_file.h"

struct scan {
    char *p;
    int line;
    int depth;          /* '{' open outside strings and comments */
    int top_line;       /* the line of the latest outermost '{' */
    bool shared;        /* an earlier outermost '{' is on top_line */
};

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

static void count_lines(struct scan *s, const char *from, const char *to)
{
    for (; from < to; from++)
        if (*from == '\n')
            s->line++;
}

/* The end of the "${NAME}" at p, which libconfuse replaces with the
 * environment's value: the first '}', whatever lies before it (quotes,
 * '#', newlines). NULL when there is none: then there is no such token. */
static char *env_end(char *p)
{
    char *close = p[1] == '{' ? strchr(p + 2, '}') : NULL;

    return close != NULL ? close + 1 : NULL;
}

/* Past the string that opens at s->p, escapes as libconfuse reads them:
 * a backslash takes the next character, and a double-quoted string takes
 * a "${...}" whole. false when the file ends first. */
static bool skip_string(struct scan *s)
{
    char q = *s->p, *p, *env;

    for (p = s->p + 1; *p != q; p++) {
        if (*p == '\0') {
            s->p = p;
            return false;
        }
        if (*p == '\\' && p[1] != '\0') {
            p++;
        } else if (q == '"' && *p == '$' && (env = env_end(p)) != NULL) {
            count_lines(s, p, env);
            p = env - 1;
            continue;
        }
        if (*p == '\n')
            s->line++;
    }
    s->p = p + 1;
    return true;
}

/* Blank the comment at s->p, newlines kept; false when a slash-star
 * comment never ends. */
static bool blank_comment(struct scan *s)
{
    char *p = s->p, *end;
    bool closed = true;

    if (p[0] == '/' && p[1] == '*') {
        end = strstr(p + 2, "*/");
        closed = end != NULL;
        end = closed ? end + 2 : p + strlen(p);
    } else {
        end = p + strcspn(p, "\n");
    }
    for (; p < end; p++) {
        if (*p == '\n')
            s->line++;
        else
            *p = ' ';
    }
    s->p = end;
    return closed;
}

static void note_brace(struct scan *s, char c)
{
    if (c == '{' && s->depth++ == 0) {
        s->shared = s->line == s->top_line;
        s->top_line = s->line;
    } else if (c == '}' && s->depth > 0) {
        s->depth--;     /* a stray '}' is libconfuse's to refuse */
    }
}

/* What may continue an unquoted word: a '$' inside one starts no
 * "${...}". */
static bool word_char(char c)
{
    return c != '\0' && strchr(" \t\n\r#\"'={}()+,*", c) == NULL;
}

static int scan_text(struct scan *s, const char *path, struct ft_err *err)
{
    bool word = false;      /* s->p continues an unquoted word */
    char *env;

    while (*s->p != '\0') {
        char c = *s->p;
        int at = s->line;

        if (c == '"' || c == '\'') {
            if (!skip_string(s)) {
                err_set(err, path, at, "the quote here is never closed");
                return -1;
            }
        } else if (c == '#' || (c == '/' && (s->p[1] == '/'
                                             || s->p[1] == '*'))) {
            if (!blank_comment(s)) {
                err_set(err, path, at, "the /* comment here is never "
                        "closed");
                return -1;
            }
        } else if (c == '$' && !word && (env = env_end(s->p)) != NULL) {
            count_lines(s, s->p, env);
            s->p = env;
        } else {
            note_brace(s, c);
            word = word_char(c);
            if (c == '\n')
                s->line++;
            s->p++;
            continue;
        }
        word = false;
    }
    return 0;
}

void conf_file_free(struct conf_file *f)
{
    free(f->text);
    f->text = NULL;
}

int conf_file_read(const char *path, struct conf_file *f, struct ft_err *err)
{
    struct scan s = { NULL, 1, 0, 0, false };
    int rc = -1;

    f->open_brace_line = 0;
    f->open_brace_shared = false;
    if ((f->text = read_file(path)) == NULL) {
        err_set(err, path, 0, "cannot read the configuration: %s",
                strerror(errno));
        goto out;
    }
    s.p = f->text;
    if (scan_text(&s, path, err) != 0)
        goto out;
    if (s.depth > 0) {
        f->open_brace_line = s.top_line;
        f->open_brace_shared = s.shared;
    }
    rc = 0;
out:
    if (rc != 0)
        conf_file_free(f);
    return rc;
}
