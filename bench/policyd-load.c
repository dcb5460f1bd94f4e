/* policyd-load.c - load on a Postfix policy service or socketmap over a
 * unix socket, and the baselines they are compared with: trivial servers
 * with the same one-thread epoll shape as forcetls-policyd that answer
 * every policy request "action=DUNNO" and every socketmap query
 * "NOTFOUND ", so the difference is the decision work.
 *
 *   policyd-load serve SOCKET            baseline policy server
 *   policyd-load serve-netstring SOCKET  baseline socketmap server
 *   policyd-load run [-n] [-r RATE] [-s N] SOCKET CONNS SECONDS FILE
 *
 * run keeps CONNS persistent connections, as smtpd processes do, for
 * SECONDS. FILE holds policy requests, each ended by an empty line, or
 * with -n one socketmap query per line ("forcetls partner1.example");
 * connection c sends them in turn from the c-th on. Closed loop by
 * default: each connection sends its next request when the reply comes.
 * With -r, open loop: RATE requests a second in all, each due at a fixed
 * time, and latency counts from when the request was due, so a stalled
 * server is charged for the requests queued behind it. With -s, the
 * number in each policy request's sender domain ("partner17.example")
 * is drawn at random below N as the request leaves, so that a server
 * with N such domains is asked for all of them, not the few in FILE.
 * Prints "per_s p50_us p99_us max_us requests" on one line. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "loadstat.h"

#define MAX_CONNS 1024
#define MAX_REQS 4096
#define BUF_MAX 8192
#define FILE_MAX (1u << 20)

static int unix_socket(const char *path, struct sockaddr_un *sun)
{
    memset(sun, 0, sizeof(*sun));
    sun->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(sun->sun_path)) {
        fprintf(stderr, "policyd-load: socket path too long: %s\n", path);
        return -1;
    }
    strcpy(sun->sun_path, path);
    return socket(AF_UNIX, SOCK_STREAM, 0);
}

/* A policy reply (or request) ends with an empty line. */
static size_t policy_complete(const char *buf, size_t len)
{
    const char *end = memmem(buf, len, "\n\n", 2);

    return end == NULL ? 0 : (size_t)(end - buf) + 2;
}

/* A whole netstring "N:...," at buf: its size, else 0. */
static size_t netstring_complete(const char *buf, size_t len)
{
    size_t n = 0, i;

    for (i = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++)
        n = n * 10 + (size_t)(buf[i] - '0');
    if (i == 0 || i >= len || buf[i] != ':' || len < i + n + 2)
        return 0;
    return i + n + 2;
}

struct peer {
    int fd;
    char buf[BUF_MAX];
    size_t len;
    size_t next;                /* the request it sends next */
    uint64_t due;               /* when the outstanding one was due */
    bool waiting;               /* a request is outstanding */
    bool done;
};

/* --- the baseline servers ------------------------------------------------ */

static void serve_readable(int ep, struct peer *p, bool netstring)
{
    static const char dunno[] = "action=DUNNO\n\n", notfound[] = "9:NOTFOUND ,";
    ssize_t n = read(p->fd, p->buf + p->len, sizeof(p->buf) - p->len);
    size_t used;

    if (n <= 0 || (size_t)n == sizeof(p->buf) - p->len) {
        epoll_ctl(ep, EPOLL_CTL_DEL, p->fd, NULL);
        close(p->fd);
        free(p);
        return;
    }
    p->len += (size_t)n;
    while ((used = netstring ? netstring_complete(p->buf, p->len)
                             : policy_complete(p->buf, p->len)) > 0) {
        const char *r = netstring ? notfound : dunno;
        size_t rlen = netstring ? sizeof(notfound) - 1 : sizeof(dunno) - 1;
        if (write(p->fd, r, rlen) != (ssize_t)rlen)
            perror("policyd-load: write");
        memmove(p->buf, p->buf + used, p->len - used);
        p->len -= used;
    }
}

static int serve(const char *path, bool netstring)
{
    struct sockaddr_un sun;
    struct epoll_event ev, evs[64];
    int lfd = unix_socket(path, &sun), ep = epoll_create1(0);

    unlink(path);
    if (lfd < 0 || ep < 0 || bind(lfd, (struct sockaddr *)&sun, sizeof(sun))
        || listen(lfd, 1024) != 0) {
        perror("policyd-load: serve");
        return 1;
    }
    ev.events = EPOLLIN;
    ev.data.ptr = NULL;
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    for (;;) {
        int n = epoll_wait(ep, evs, 64, -1);

        for (int i = 0; i < n; i++) {
            struct peer *p;

            if (evs[i].data.ptr != NULL) {
                serve_readable(ep, evs[i].data.ptr, netstring);
                continue;
            }
            if ((p = calloc(1, sizeof(*p))) == NULL
                || (p->fd = accept(lfd, NULL, NULL)) < 0) {
                free(p);
                continue;
            }
            ev.data.ptr = p;
            epoll_ctl(ep, EPOLL_CTL_ADD, p->fd, &ev);
        }
    }
}

/* --- the load generator -------------------------------------------------- */

struct run {
    bool netstring;
    double rate;                /* requests/s in all; 0: closed loop */
    unsigned spread;            /* -s: sender domain numbers below it */
    char scratch[BUF_MAX];      /* a request with its number drawn */
    int conns;
    const char *req[MAX_REQS];
    size_t reqlen[MAX_REQS], nreq;
    struct loadstat st;
    uint64_t start, until, interval;
};

/* The request q of n bytes with the first number in its sender line
 * drawn anew, in r->scratch; its length, or n (q unchanged) when it has
 * no such number or the result would not fit. */
static size_t spread_sender(struct run *r, const char *q, size_t n,
                            const char **out)
{
    const char *line = memmem(q, n, "\nsender=", 8), *d, *e, *end = q + n;
    int m;

    *out = q;
    if (line == NULL)
        return n;
    for (d = line + 8; d < end && *d != '\n' && (*d < '0' || *d > '9'); d++)
        ;
    if (d == end || *d == '\n')
        return n;
    for (e = d; e < end && *e >= '0' && *e <= '9'; e++)
        ;
    m = snprintf(r->scratch, sizeof(r->scratch), "%.*s%u%.*s", (int)(d - q),
                 q, (unsigned)random() % r->spread, (int)(end - e), e);
    if (m < 0 || (size_t)m >= sizeof(r->scratch))
        return n;
    *out = r->scratch;
    return (size_t)m;
}

static int send_request(struct peer *p, struct run *r, uint64_t due)
{
    const char *q = r->req[p->next];
    size_t n = r->reqlen[p->next];

    if (r->spread > 0)
        n = spread_sender(r, q, n, &q);
    p->next = (p->next + 1) % r->nreq;
    p->len = 0;
    p->due = due;
    p->waiting = true;
    return write(p->fd, q, n) == (ssize_t)n ? 0 : -1;
}

/* Read the reply; when whole, record it and, closed loop, send the next
 * request. 1 when the connection is done. */
static int run_readable(struct peer *p, struct run *r)
{
    ssize_t n = read(p->fd, p->buf + p->len, sizeof(p->buf) - p->len);
    uint64_t now;

    if (n <= 0) {
        fprintf(stderr, "policyd-load: server closed a connection\n");
        return -1;
    }
    p->len += (size_t)n;
    if ((r->netstring ? netstring_complete(p->buf, p->len)
                      : policy_complete(p->buf, p->len)) == 0)
        return 0;
    now = loadstat_now_ns();
    loadstat_add(&r->st, now - p->due);
    p->waiting = false;
    if (r->rate > 0) {
        p->due += r->interval;
        return p->due >= r->until;
    }
    return now < r->until ? send_request(p, r, now) : 1;
}

static int connect_all(const char *path, struct peer *peers, struct run *r,
                       int ep)
{
    for (int i = 0; i < r->conns; i++) {
        struct sockaddr_un sun;
        struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &peers[i] };

        peers[i].next = (size_t)i % r->nreq;
        peers[i].fd = unix_socket(path, &sun);
        if (peers[i].fd < 0
            || connect(peers[i].fd, (struct sockaddr *)&sun, sizeof(sun)) != 0
            || epoll_ctl(ep, EPOLL_CTL_ADD, peers[i].fd, &ev) != 0) {
            fprintf(stderr, "policyd-load: connect %s: %s\n", path,
                    strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Open loop: send what is due; the wait until the next due request. */
static int send_due(struct peer *peers, struct run *r, struct timespec *wait)
{
    uint64_t now = loadstat_now_ns(), next = UINT64_MAX;

    for (int i = 0; i < r->conns; i++) {
        struct peer *p = &peers[i];
        if (p->waiting || p->done)
            continue;
        if (p->due <= now) {
            if (send_request(p, r, p->due) != 0)
                return -1;
        } else if (p->due < next) {
            next = p->due;
        }
    }
    next = next == UINT64_MAX ? 1000000000u : next - now;
    wait->tv_sec = (time_t)(next / 1000000000u);
    wait->tv_nsec = (long)(next % 1000000000u);
    return 0;
}

static int drive(struct peer *peers, int ep, struct run *r)
{
    int active = r->conns;
    struct epoll_event evs[64];

    for (int i = 0; i < r->conns; i++) {
        /* Open loop: connection i's requests are due at start + i/rate,
         * then every conns/rate. */
        uint64_t due = r->start + (uint64_t)((double)i * 1e9 / (r->rate > 0
                                                               ? r->rate : 1));
        peers[i].due = r->rate > 0 ? due : r->start;
        if (r->rate == 0 && send_request(&peers[i], r, r->start) != 0)
            return -1;
    }
    while (active > 0) {
        struct timespec wait = { 5, 0 };
        int n;

        if (r->rate > 0 && send_due(peers, r, &wait) != 0)
            return -1;
        n = epoll_pwait2(ep, evs, 64, &wait, NULL);
        if (n < 0 && errno != EINTR)
            return -1;
        if (n == 0 && r->rate == 0) {
            fprintf(stderr, "policyd-load: no reply within 5 s\n");
            return -1;
        }
        for (int i = 0; i < n; i++) {
            struct peer *p = evs[i].data.ptr;
            int rc = run_readable(p, r);
            if (rc < 0)
                return -1;
            if (rc == 1) {
                epoll_ctl(ep, EPOLL_CTL_DEL, p->fd, NULL);
                p->done = true;
                active--;
            }
        }
    }
    return 0;
}

/* Split FILE into requests: policy ones end with an empty line, socketmap
 * queries are lines, sent as netstrings. */
static int load_requests(struct run *r, const char *path)
{
    FILE *fp = fopen(path, "r");
    char *buf = malloc(FILE_MAX), *p;
    size_t len;

    if (fp == NULL || buf == NULL) {
        fprintf(stderr, "policyd-load: cannot read %s\n", path);
        return -1;
    }
    len = fread(buf, 1, FILE_MAX - 1, fp);
    fclose(fp);
    buf[len] = '\0';
    for (p = buf; *p != '\0' && r->nreq < MAX_REQS;) {
        size_t n = r->netstring ? strcspn(p, "\n") : policy_complete(p, len);
        if (n == 0 && !r->netstring)
            break;
        if (r->netstring) {
            char *q = malloc(n + 32);
            int m = sprintf(q, "%zu:%.*s,", n, (int)n, p);
            r->req[r->nreq] = q;
            r->reqlen[r->nreq++] = (size_t)m;
            n += p[n] == '\n';
        } else {
            r->req[r->nreq] = p;
            r->reqlen[r->nreq++] = n;
        }
        p += n;
        len -= n;
    }
    if (r->nreq == 0) {
        fprintf(stderr, "policyd-load: no requests in %s (a policy request "
                "ends with an empty line)\n", path);
        return -1;
    }
    return 0;
}

static int run(const char *path, struct run *r, double seconds,
               const char *file)
{
    struct peer *peers = calloc((size_t)r->conns, sizeof(*peers));
    int ep = epoll_create1(0), rc = 1;

    loadstat_init(&r->st);
    if (peers == NULL || ep < 0 || load_requests(r, file) != 0
        || connect_all(path, peers, r, ep) != 0)
        return 1;
    if (r->rate > 0)
        r->interval = (uint64_t)((double)r->conns * 1e9 / r->rate);
    r->start = loadstat_now_ns();
    r->until = r->start + (uint64_t)(seconds * 1e9);
    if (drive(peers, ep, r) == 0 && r->st.count > 0) {
        loadstat_print(&r->st, (double)(loadstat_now_ns() - r->start) / 1e9);
        putchar('\n');
        rc = 0;
    }
    return rc;
}

int main(int argc, char **argv)
{
    struct run r = { 0 };
    int opt;

    if (argc == 3 && strcmp(argv[1], "serve") == 0)
        return serve(argv[2], false);
    if (argc == 3 && strcmp(argv[1], "serve-netstring") == 0)
        return serve(argv[2], true);
    if (argc < 2 || strcmp(argv[1], "run") != 0)
        goto usage;
    optind = 2;
    while ((opt = getopt(argc, argv, "nr:s:")) != -1) {
        if (opt == 'n')
            r.netstring = true;
        else if (opt == 'r')
            r.rate = atof(optarg);
        else if (opt == 's')
            r.spread = (unsigned)strtoul(optarg, NULL, 10);
        else
            goto usage;
    }
    if (argc - optind != 4)
        goto usage;
    r.conns = atoi(argv[optind + 1]);
    if (r.conns < 1 || r.conns > MAX_CONNS || atof(argv[optind + 2]) <= 0
        || atof(argv[optind + 2]) > 60 || r.rate < 0) {
        fprintf(stderr, "policyd-load: 1..%d connections, 0..60 s\n",
                MAX_CONNS);
        return 2;
    }
    return run(argv[optind], &r, atof(argv[optind + 2]), argv[optind + 3]);
usage:
    fprintf(stderr, "usage: policyd-load serve SOCKET\n"
            "       policyd-load serve-netstring SOCKET\n"
            "       policyd-load run [-n] [-r RATE] [-s N] SOCKET CONNS "
            "SECONDS FILE\n");
    return 2;
}
