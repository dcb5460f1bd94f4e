/* policyd-load.c - closed-loop load on a Postfix policy service over a unix
 * socket, and the baseline it is compared with: a trivial server that
 * answers every request "action=DUNNO" with the same one-thread epoll
 * shape as forcetls-policyd, so the difference is the decision work.
 *
 *   policyd-load serve SOCKET
 *       be the baseline server until killed
 *   policyd-load run SOCKET CONNS SECONDS REQUESTFILE
 *       keep CONNS connections each with one request outstanding for
 *       SECONDS; print "rps p50_us p99_us requests" on one line
 *
 * Loopback only, bounded: every loop ends with its time or its samples. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 1024
#define MAX_SAMPLES (4u << 20)
#define BUF_MAX 8192

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

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

/* A reply (or request) ends with an empty line. */
static int ends_blank(const char *buf, size_t len)
{
    return len >= 2 && buf[len - 1] == '\n' && buf[len - 2] == '\n';
}

struct peer {
    int fd;
    char buf[BUF_MAX];
    size_t len;
    uint64_t sent_at;
};

/* --- the baseline server ------------------------------------------------- */

static void serve_readable(int ep, struct peer *p)
{
    static const char dunno[] = "action=DUNNO\n\n";
    ssize_t n = read(p->fd, p->buf + p->len, sizeof(p->buf) - p->len);

    if (n <= 0 || (size_t)n == sizeof(p->buf) - p->len) {
        epoll_ctl(ep, EPOLL_CTL_DEL, p->fd, NULL);
        close(p->fd);
        free(p);
        return;
    }
    p->len += (size_t)n;
    if (ends_blank(p->buf, p->len)) {
        p->len = 0;
        if (write(p->fd, dunno, sizeof(dunno) - 1) < 0)
            perror("policyd-load: write");
    }
}

static int serve(const char *path)
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
                serve_readable(ep, evs[i].data.ptr);
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
    const char *req;
    size_t reqlen;
    uint64_t *lat;             /* nanoseconds per request */
    size_t nlat;
    uint64_t done;
    double elapsed;            /* seconds, first request to last reply */
};

static int send_request(struct peer *p, const struct run *r)
{
    p->len = 0;
    p->sent_at = now_ns();
    return write(p->fd, r->req, r->reqlen) == (ssize_t)r->reqlen ? 0 : -1;
}

/* Read the reply; when whole, record it and send the next request. */
static int run_readable(struct peer *p, struct run *r, uint64_t until)
{
    ssize_t n = read(p->fd, p->buf + p->len, sizeof(p->buf) - p->len);

    if (n <= 0) {
        fprintf(stderr, "policyd-load: server closed a connection\n");
        return -1;
    }
    p->len += (size_t)n;
    if (!ends_blank(p->buf, p->len))
        return 0;
    if (r->nlat < MAX_SAMPLES)
        r->lat[r->nlat++] = now_ns() - p->sent_at;
    r->done++;
    return now_ns() < until ? send_request(p, r) : 1;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static int connect_all(const char *path, struct peer *peers, int conns,
                       int ep)
{
    for (int i = 0; i < conns; i++) {
        struct sockaddr_un sun;
        struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &peers[i] };

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

static int drive(struct peer *peers, int conns, int ep, struct run *r,
                 double seconds)
{
    uint64_t start = now_ns();
    uint64_t until = start + (uint64_t)(seconds * 1e9);
    int active = conns;
    struct epoll_event evs[64];

    for (int i = 0; i < conns; i++)
        if (send_request(&peers[i], r) != 0)
            return -1;
    /* Each connection stops after its first reply past the deadline. */
    while (active > 0) {
        int n = epoll_wait(ep, evs, 64, 5000);

        if (n <= 0) {
            fprintf(stderr, "policyd-load: no reply within 5 s\n");
            return -1;
        }
        for (int i = 0; i < n; i++) {
            int rc = run_readable(evs[i].data.ptr, r, until);
            if (rc < 0)
                return -1;
            if (rc == 1) {
                struct peer *p = evs[i].data.ptr;
                epoll_ctl(ep, EPOLL_CTL_DEL, p->fd, NULL);
                active--;
            }
        }
    }
    r->elapsed = (double)(now_ns() - start) / 1e9;
    return 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "r");
    char *buf = malloc(BUF_MAX);

    if (fp == NULL || buf == NULL) {
        fprintf(stderr, "policyd-load: cannot read %s\n", path);
        exit(1);
    }
    *len = fread(buf, 1, BUF_MAX, fp);
    fclose(fp);
    if (!ends_blank(buf, *len)) {
        fprintf(stderr, "policyd-load: %s does not end with a blank line\n",
                path);
        exit(1);
    }
    return buf;
}

static int run(const char *path, int conns, double seconds, const char *file)
{
    struct peer *peers = calloc((size_t)conns, sizeof(*peers));
    struct run r = { 0 };
    int ep = epoll_create1(0), rc = 1;

    r.req = read_file(file, &r.reqlen);
    r.lat = malloc(MAX_SAMPLES * sizeof(*r.lat));
    if (peers == NULL || r.lat == NULL || ep < 0)
        return 1;
    if (connect_all(path, peers, conns, ep) == 0
        && drive(peers, conns, ep, &r, seconds) == 0 && r.nlat > 0) {
        qsort(r.lat, r.nlat, sizeof(*r.lat), cmp_u64);
        printf("%.0f %.1f %.1f %llu\n", (double)r.done / r.elapsed,
               (double)r.lat[r.nlat / 2] / 1e3,
               (double)r.lat[r.nlat * 99 / 100] / 1e3,
               (unsigned long long)r.done);
        rc = 0;
    }
    for (int i = 0; i < conns; i++)
        if (peers[i].fd > 0)
            close(peers[i].fd);
    free(peers);
    free(r.lat);
    free((void *)r.req);
    close(ep);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "serve") == 0)
        return serve(argv[2]);
    if (argc == 6 && strcmp(argv[1], "run") == 0) {
        int conns = atoi(argv[3]);
        double seconds = atof(argv[4]);

        if (conns < 1 || conns > MAX_CONNS || seconds <= 0 || seconds > 60) {
            fprintf(stderr, "policyd-load: 1..%d connections, 0..60 s\n",
                    MAX_CONNS);
            return 2;
        }
        return run(argv[2], conns, seconds, argv[5]);
    }
    fprintf(stderr, "usage: policyd-load serve SOCKET\n"
            "       policyd-load run SOCKET CONNS SECONDS REQUESTFILE\n");
    return 2;
}
