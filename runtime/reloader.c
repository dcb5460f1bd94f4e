/* reloader.c - configuration reloads in a thread of their own. Messages
 * are pointers written whole through pipes (far below PIPE_BUF, so never
 * split); the thread takes requests in order, so two signals mean two
 * reloads, and the loop swaps in each result between two events. */
/* pipe2() */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "reloader.h"
#include "startup.h"

enum reloader_op { OP_RELOAD, OP_RETIRE };

struct reloader_msg {
    enum reloader_op op;
    struct ft_conf *conf;
};

/* The message is built here, zeroed first: the padding between op and
 * conf would otherwise go down the pipe as whatever the stack held. */
static int msg_write(int fd, enum reloader_op op, struct ft_conf *conf)
{
    struct reloader_msg m;
    ssize_t n;

    memset(&m, 0, sizeof(m));
    m.op = op;
    m.conf = conf;
    do
        n = write(fd, &m, sizeof(m));
    while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof(m) ? 0 : -1;
}

static int msg_read(int fd, struct reloader_msg *m)
{
    ssize_t n;

    do
        n = read(fd, m, sizeof(*m));
    while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof(*m) ? 0 : -1;
}

static void *reloader_main(void *arg)
{
    struct ft_reloader *r = arg;
    struct reloader_msg m;

    while (msg_read(r->req[0], &m) == 0) {
        if (m.op == OP_RETIRE) {
            conf_unref(m.conf);
            continue;
        }
        log_info("reloading %s", r->path);
        m.conf = startup_reload(r->path);
        if (msg_write(r->done[1], OP_RELOAD, m.conf) != 0) {
            log_error("reload: cannot hand the new configuration over: %s; "
                      "keeping the previous one", strerror(errno));
            conf_unref(m.conf);
        }
    }
    return NULL;
}

static void close_pair(int fd[2])
{
    for (int i = 0; i < 2; i++)
        if (fd[i] >= 0)
            close(fd[i]);
    fd[0] = fd[1] = -1;
}

int reloader_start(struct ft_reloader *r, const char *path)
{
    int rc;

    memset(r, 0, sizeof(*r));
    r->path = path;
    r->req[0] = r->req[1] = r->done[0] = r->done[1] = -1;
    if (pipe2(r->req, O_CLOEXEC) != 0 || pipe2(r->done, O_CLOEXEC) != 0
        || fcntl(r->done[0], F_SETFL, O_NONBLOCK) != 0
        /* The loop never waits on the thread: a full pipe is an error. */
        || fcntl(r->req[1], F_SETFL, O_NONBLOCK) != 0)
        goto fail;
    if ((rc = pthread_create(&r->tid, NULL, reloader_main, r)) != 0) {
        errno = rc;
        goto fail;
    }
    r->running = true;
    return 0;
fail:
    rc = errno;
    close_pair(r->req);
    close_pair(r->done);
    errno = rc;
    return -1;
}

int reloader_fd(const struct ft_reloader *r)
{
    return r->done[0];
}

int reloader_request(struct ft_reloader *r)
{
    return msg_write(r->req[1], OP_RELOAD, NULL);
}

int reloader_take(struct ft_reloader *r, struct ft_conf **conf)
{
    struct reloader_msg m;

    if (msg_read(r->done[0], &m) != 0)
        return 0;
    *conf = m.conf;
    return 1;
}

void reloader_retire(struct ft_reloader *r, struct ft_conf *conf)
{
    if (conf != NULL && msg_write(r->req[1], OP_RETIRE, conf) != 0)
        conf_unref(conf);
}

void reloader_stop(struct ft_reloader *r)
{
    struct ft_conf *conf;

    if (!r->running)
        return;
    /* End of requests: the thread finishes what it holds and returns. */
    close(r->req[1]);
    r->req[1] = -1;
    pthread_join(r->tid, NULL);
    r->running = false;
    while (reloader_take(r, &conf) == 1)
        conf_unref(conf);
    close_pair(r->req);
    close_pair(r->done);
}
