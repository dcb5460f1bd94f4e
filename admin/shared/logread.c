/* logread.c - zlib's gzread reads plain files transparently, so one path
 * serves "maillog", "maillog.2.gz" and a pipe; lines of any length, cut
 * out of a large buffer with memchr (gzgets and strlen per line cost more
 * than everything else a report does with most lines). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "logread.h"

struct logread {
    gzFile gz;
    char path[256];         /* zlib's messages start with it */
    char *buf;
    size_t cap;
    size_t start, end;      /* unread bytes: buf[start..end) */
    bool eof;
    char err[256];
    bool failed;
};

struct logread *logread_open(const char *path, char *err, size_t errlen)
{
    struct logread *r = calloc(1, sizeof(*r));
    int fd;

    if (r == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->cap = 1 << 18;
    snprintf(r->path, sizeof(r->path), "%s",
             strcmp(path, "-") == 0 ? "<fd:0>" : path);
    fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : -1;
    if ((r->buf = malloc(r->cap)) == NULL
        || (r->gz = fd >= 0 ? gzdopen(fd, "rb") : gzopen(path, "rb"))
            == NULL) {
        snprintf(err, errlen, "%s", r->buf == NULL ? "out of memory"
                                                   : strerror(errno));
        if (fd >= 0)
            close(fd);
        free(r->buf);
        free(r);
        return NULL;
    }
    return r;
}

static void fail(struct logread *r, const char *msg)
{
    size_t n = strlen(r->path);

    if (strncmp(msg, r->path, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
        msg += n + 2;
    snprintf(r->err, sizeof(r->err), "%s", msg);
    r->failed = true;
}

/* Move what is unread to the front, grow when a line fills the buffer,
 * read more; false at the end of the file or on an error. */
static bool refill(struct logread *r)
{
    int got, errnum;

    if (r->eof)
        return false;
    memmove(r->buf, r->buf + r->start, r->end - r->start);
    r->end -= r->start;
    r->start = 0;
    if (r->end + 1 >= r->cap) {
        char *grown = realloc(r->buf, r->cap * 2);

        if (grown == NULL) {
            fail(r, "out of memory");
            return false;
        }
        r->buf = grown;
        r->cap *= 2;
    }
    got = gzread(r->gz, r->buf + r->end, (unsigned)(r->cap - r->end - 1));
    if (got > 0) {
        r->end += (size_t)got;
        return true;
    }
    r->eof = true;
    gzerror(r->gz, &errnum);
    if (got < 0 || (errnum != Z_OK && errnum != Z_STREAM_END)) {
        /* A line cut by the damage is not a line. */
        fail(r, gzerror(r->gz, &errnum));
        r->start = r->end = 0;
    }
    return false;
}

const char *logread_line(struct logread *r)
{
    char *line, *nl;

    if (r->failed)
        return NULL;
    while ((nl = memchr(r->buf + r->start, '\n', r->end - r->start))
           == NULL) {
        if (!refill(r)) {
            if (r->failed || r->start == r->end)
                return NULL;
            /* end of file without a newline */
            line = r->buf + r->start;
            r->buf[r->end] = '\0';
            r->start = r->end;
            return line;
        }
    }
    line = r->buf + r->start;
    *nl = '\0';
    r->start = (size_t)(nl - r->buf) + 1;
    return line;
}

const char *logread_error(struct logread *r)
{
    return r->failed ? r->err : NULL;
}

void logread_close(struct logread *r)
{
    if (r == NULL)
        return;
    gzclose(r->gz);
    free(r->buf);
    free(r);
}
