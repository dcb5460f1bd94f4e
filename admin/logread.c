/* logread.c - zlib's gzread reads plain files transparently, so one path
 * serves "maillog", "maillog.2.gz" and a pipe; lines of any length. */
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
    r->cap = 8192;
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

/* gzgets stops at the buffer's end: grow it until the newline comes. */
const char *logread_line(struct logread *r)
{
    size_t len = 0;
    int errnum;

    if (r->failed)
        return NULL;
    for (;;) {
        char *grown;

        if (gzgets(r->gz, r->buf + len, (int)(r->cap - len)) == NULL)
            break;
        len += strlen(r->buf + len);
        if (len > 0 && r->buf[len - 1] == '\n') {
            r->buf[len - 1] = '\0';
            return r->buf;
        }
        if (len + 1 < r->cap)
            break;              /* end of file without a newline */
        if ((grown = realloc(r->buf, r->cap * 2)) == NULL) {
            snprintf(r->err, sizeof(r->err), "out of memory");
            r->failed = true;
            return NULL;
        }
        r->buf = grown;
        r->cap *= 2;
    }
    gzerror(r->gz, &errnum);
    if (errnum != Z_OK && errnum != Z_STREAM_END) {
        const char *msg = gzerror(r->gz, &errnum);
        size_t n = strlen(r->path);

        if (strncmp(msg, r->path, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
            msg += n + 2;
        snprintf(r->err, sizeof(r->err), "%s", msg);
        /* A line cut by the damage is not a line. */
        r->failed = true;
        return NULL;
    }
    return len > 0 ? r->buf : NULL;
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
