/* server.c - one thread, one epoll set: listeners, connections and a
 * signalfd. Each ready connection gets one bounded read per turn, so a
 * slow or hostile client cannot hold up the others; idle connections and
 * half-sent requests time out; a reload is read and compiled in a thread
 * (runtime/reloader.c) and swapped in between two events, so requests
 * never wait for it; a stop closes the listeners and lets pending replies
 * go. */
/* accept4() */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sysexits.h>
#include <unistd.h>

#include "ipaddr.h"
#include "listen.h"
#include "log.h"
#include "reloader.h"
#include "server.h"
#include "startup.h"
#include "timerq.h"

/* A request must arrive, and a reply be read, within this time. */
#define BUSY_TIMEOUT_MS 10000
#define STOP_GRACE_MS 5000
#define EVENTS_MAX 256
#define ACCEPTS_PER_TURN 64
#define FD_RESERVE 32
#define FULL_WARN_EVERY_MS 10000

/* epoll data: a small number for the signalfd, the reloader and each
 * listener, a connection's address otherwise (never that small). */
#define EV_SIGNAL 1
#define EV_RELOADED 2
#define EV_LISTENER_BASE 3

struct server {
    struct ft_conf *conf;
    const char *conf_path;
    struct ft_listener *ls;
    size_t nls;
    int ep, sigfd;
    struct ft_reloader reloader;
    struct ft_timerq idle, busy;
    size_t nconns, max_conns;
    uint64_t last_full_warning;
    bool stop_requested;        /* acted on between two epoll batches */
    bool stopping;
    uint64_t stop_deadline;
};

/* Idle connections wait idle_timeout from their last request; a busy one
 * keeps the deadline of the moment it became busy, so trickling bytes
 * does not buy time. Each queue has one timeout, so it stays sorted. */
static void conn_schedule(struct server *s, struct ft_conn *c, bool fresh)
{
    bool busy = conn_busy(c);
    uint64_t timeout = busy ? BUSY_TIMEOUT_MS
                            : (uint64_t)s->conf->policyd.idle_timeout * 1000;

    if (!fresh && busy && c->busy)
        return;
    if (!fresh)
        timerq_remove(c->busy ? &s->busy : &s->idle, c);
    c->busy = busy;
    timerq_append(busy ? &s->busy : &s->idle, c, timerq_now_ms() + timeout);
}

static void conn_close(struct server *s, struct ft_conn *c)
{
    timerq_remove(c->busy ? &s->busy : &s->idle, c);
    epoll_ctl(s->ep, EPOLL_CTL_DEL, c->fd, NULL);
    conn_free(c);
    s->nconns--;
}

/* Wait for what the connection wants next, or close it. */
static void conn_follow(struct server *s, struct ft_conn *c,
                        enum ft_conn_want want)
{
    struct epoll_event ev = { .data.ptr = c };

    if (want == CONN_CLOSE || (s->stopping && want == CONN_READ)) {
        conn_close(s, c);
        return;
    }
    ev.events = want == CONN_WRITE ? EPOLLOUT : EPOLLIN;
    /* Most requests leave it as it was: spare the system call. */
    if (ev.events != c->events
        && epoll_ctl(s->ep, EPOLL_CTL_MOD, c->fd, &ev) != 0) {
        log_error("%s client %s: epoll: %s", proto_name(c->proto), c->peer,
                  strerror(errno));
        conn_close(s, c);
        return;
    }
    c->events = ev.events;
    conn_schedule(s, c, false);
}

/* A unix socket's clients have no address: they are named by it. */
static void peer_text(const struct ft_listener *l, const struct sockaddr *sa,
                      char *out, size_t len)
{
    if (!ipaddr_sockaddr_text(sa, true, out, len))
        snprintf(out, len, "%s", l->spec);
}

static void refuse_full(struct server *s, int fd, const struct ft_listener *l)
{
    uint64_t now = timerq_now_ms();

    close(fd);
    if (now - s->last_full_warning < FULL_WARN_EVERY_MS)
        return;
    s->last_full_warning = now;
    log_warn("%s: %zu connections open, the most this process may hold; "
             "refusing new ones (raise the open files limit)", l->spec,
             s->nconns);
}

static void add_conn(struct server *s, int fd, const struct ft_listener *l,
                     const struct sockaddr *sa)
{
    struct epoll_event ev = { .events = EPOLLIN };
    struct ft_conn *c;
    char peer[80];

    peer_text(l, sa, peer, sizeof(peer));
    if ((c = conn_new(fd, l->proto, peer)) == NULL) {
        log_error("%s: out of memory for a new connection", l->spec);
        close(fd);
        return;
    }
    ev.data.ptr = c;
    c->events = ev.events;
    if (epoll_ctl(s->ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
        log_error("%s: epoll: %s", l->spec, strerror(errno));
        conn_free(c);
        return;
    }
    s->nconns++;
    conn_schedule(s, c, true);
}

static void accept_some(struct server *s, const struct ft_listener *l)
{
    for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
        struct sockaddr_storage ss;
        socklen_t slen = sizeof(ss);
        int fd = accept4(l->fd, (struct sockaddr *)&ss, &slen,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);

        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
                && errno != ECONNABORTED)
                log_warn("%s: accept: %s", l->spec, strerror(errno));
            return;
        }
        if (s->nconns >= s->max_conns)
            refuse_full(s, fd, l);
        else
            add_conn(s, fd, l, (struct sockaddr *)&ss);
    }
}

static bool same_list(const struct ft_strv *a, const struct ft_strv *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0)
            return false;
    return true;
}

/* A reload has finished: swap its rules in (a failed one was logged and
 * leaves the old ones); the old rules are freed off the loop. */
static void reloaded(struct server *s)
{
    struct ft_conf *conf;

    while (reloader_take(&s->reloader, &conf) == 1) {
        if (conf == NULL)
            continue;
        if (!same_list(&conf->policyd.policy_listen,
                       &s->conf->policyd.policy_listen)
            || !same_list(&conf->policyd.tlsmap_listen,
                          &s->conf->policyd.tlsmap_listen))
            log_warn("policy_listen or tlsmap_listen changed; restart "
                     "forcetls-policyd to listen there (the old sockets "
                     "stay)");
        reloader_retire(&s->reloader, s->conf);
        s->conf = conf;
    }
}

/* Close the listeners; connections with a reply pending may finish. */
static void stop(struct server *s)
{
    struct ft_conn *c, *next;

    log_info("stopping: closing %zu listeners, %zu connections", s->nls,
             s->nconns);
    s->stopping = true;
    s->stop_deadline = timerq_now_ms() + STOP_GRACE_MS;
    for (size_t i = 0; i < s->nls; i++) {
        close(s->ls[i].fd);
        daemon_made_remove(&s->ls[i].made);
        s->ls[i].fd = -1;
    }
    for (c = s->idle.head; c != NULL; c = next) {
        next = c->next;
        conn_close(s, c);
    }
    for (c = s->busy.head; c != NULL; c = next) {
        next = c->next;
        if (c->outoff == c->outlen)
            conn_close(s, c);
    }
}

static void on_signal(struct server *s)
{
    struct signalfd_siginfo si;

    while (read(s->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
        if (si.ssi_signo == SIGHUP || si.ssi_signo == SIGUSR1) {
            if (reloader_request(&s->reloader) != 0)
                log_error("cannot start a reload: %s; keeping the "
                          "previous configuration", strerror(errno));
        } else
            s->stop_requested = true;
    }
}

/* Close what is past its deadline; why is NULL for idle connections,
 * whose end is routine and not worth a log line. */
static void expire(struct server *s, struct ft_timerq *q, const char *why)
{
    uint64_t now = timerq_now_ms();

    while (q->head != NULL && (q->head->deadline <= now
                               || (s->stopping && now >= s->stop_deadline))) {
        struct ft_conn *c = q->head;
        if (why != NULL)
            log_warn("%s client %s: %s; closing the connection",
                     proto_name(c->proto), c->peer, why);
        conn_close(s, c);
    }
}

static int next_timeout(const struct server *s)
{
    uint64_t now = timerq_now_ms(), when = UINT64_MAX;

    if (s->idle.head != NULL)
        when = s->idle.head->deadline;
    if (s->busy.head != NULL && s->busy.head->deadline < when)
        when = s->busy.head->deadline;
    if (s->stopping && s->stop_deadline < when)
        when = s->stop_deadline;
    if (when == UINT64_MAX)
        return -1;
    return when <= now ? 0 : (int)(when - now > INT32_MAX ? INT32_MAX
                                                          : when - now);
}

static void dispatch(struct server *s, const struct epoll_event *ev)
{
    struct ft_conn *c;

    if (ev->data.u64 == EV_SIGNAL) {
        on_signal(s);
        return;
    }
    if (ev->data.u64 == EV_RELOADED) {
        reloaded(s);
        return;
    }
    if (ev->data.u64 < EV_LISTENER_BASE + s->nls) {
        const struct ft_listener *l = &s->ls[ev->data.u64 - EV_LISTENER_BASE];
        if (l->fd >= 0)
            accept_some(s, l);
        return;
    }
    c = ev->data.ptr;
    if (ev->events & EPOLLOUT)
        conn_follow(s, c, conn_writable(c, s->conf));
    else if (ev->events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        conn_follow(s, c, conn_readable(c, s->conf));
}

static int loop(struct server *s)
{
    struct epoll_event evs[EVENTS_MAX];

    while (!s->stopping || s->nconns > 0) {
        int n = epoll_wait(s->ep, evs, EVENTS_MAX, next_timeout(s));

        if (n < 0 && errno != EINTR) {
            log_error("epoll_wait: %s", strerror(errno));
            return EX_OSERR;
        }
        for (int i = 0; i < n; i++)
            dispatch(s, &evs[i]);
        /* Stopping closes other connections, which may have events in
         * the batch just handled: only now is that safe. */
        if (s->stop_requested && !s->stopping)
            stop(s);
        expire(s, &s->busy, "request or reply timed out");
        expire(s, &s->idle, NULL);
    }
    return EX_OK;
}

/* Descriptors are what bounds the connections: take all we may have. */
static size_t raise_fd_limit(void)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 1024 - FD_RESERVE;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 1048576)
        rl.rlim_cur = 1048576;
    return rl.rlim_cur > 2 * FD_RESERVE ? (size_t)rl.rlim_cur - FD_RESERVE
                                        : FD_RESERVE;
}

static int open_signals(struct server *s)
{
    sigset_t set;

    /* main() blocked the set before any thread or listener existed. */
    startup_signal_set(&set);
    signal(SIGPIPE, SIG_IGN);
    if ((s->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) < 0)
        return -1;
    return 0;
}

static int watch(struct server *s, int fd, uint64_t tag)
{
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = tag };

    return epoll_ctl(s->ep, EPOLL_CTL_ADD, fd, &ev);
}

static int setup(struct server *s)
{
    if ((s->ep = epoll_create1(EPOLL_CLOEXEC)) < 0 || open_signals(s) != 0
        || watch(s, s->sigfd, EV_SIGNAL) != 0
        || reloader_start(&s->reloader, s->conf_path) != 0
        || watch(s, reloader_fd(&s->reloader), EV_RELOADED) != 0)
        return -1;
    for (size_t i = 0; i < s->nls; i++)
        if (watch(s, s->ls[i].fd, EV_LISTENER_BASE + i) != 0)
            return -1;
    s->max_conns = raise_fd_limit() - s->nls;
    return 0;
}

int server_run(struct ft_conf *conf, const char *conf_path,
               struct ft_listener *ls, size_t nls)
{
    struct server s = {
        .conf = conf, .conf_path = conf_path, .ls = ls, .nls = nls,
        .ep = -1, .sigfd = -1,
    };
    int rc = EX_OSERR;

    if (setup(&s) != 0)
        log_error("cannot set up the event loop: %s", strerror(errno));
    else
        rc = loop(&s);
    if (!s.stopping)
        stop(&s);
    while (s.busy.head != NULL)
        conn_close(&s, s.busy.head);
    reloader_stop(&s.reloader);
    if (s.sigfd >= 0)
        close(s.sigfd);
    if (s.ep >= 0)
        close(s.ep);
    conf_unref(s.conf);
    return rc;
}
