/* milter-load.c - closed-loop load on a milter over a unix socket, speaking
 * the milter protocol as Postfix 3.7's smtpd does: one milter connection
 * per SMTP session, a negotiation (version 6, every action, every step it
 * may skip), then for each message the macros and commands of connect,
 * helo, mail, rcpt, data, headers, end of headers, body and end of
 * message, and an abort before the next transaction; quit at the end.
 * Steps the milter negotiates away are not sent and replies it waives are
 * not awaited, as Postfix does; the macros sent at each stage are those the
 * milter asked for, or Postfix's default lists.
 *
 *   milter-load SOCKET CONNS SECONDS PARTNERS [MSGS_PER_SESSION]
 *
 * CONNS threads each run sessions back to back for SECONDS. Messages cycle
 * through a mix: 4 in 10 from a partner with verified TLS, 1 in 10 from a
 * partner in plaintext, 5 in 10 from a non-partner; partner i is
 * partner<i>.example, 0 <= i < PARTNERS. Prints one line:
 * "msgs_per_s p50_us p99_us max_us messages accepted rejected
 * steps_per_msg". */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "loadstat.h"

#define MAX_CONNS 256
#define PKT_MAX 65536

/* Protocol flags (libmilter's mfdef.h, written here so the load generator
 * does not depend on the library it measures). */
#define P_NOCONNECT 0x1u
#define P_NOHELO 0x2u
#define P_NOMAIL 0x4u
#define P_NORCPT 0x8u
#define P_NOBODY 0x10u
#define P_NOHDRS 0x20u
#define P_NOEOH 0x40u
#define P_NR_HDR 0x80u
#define P_NODATA 0x200u
#define P_NR_CONN 0x1000u
#define P_NR_HELO 0x2000u
#define P_NR_MAIL 0x4000u
#define P_NR_RCPT 0x8000u
#define P_NR_DATA 0x10000u
#define P_NR_EOH 0x40000u
#define P_NR_BODY 0x80000u
/* What Postfix 3.7 offers: every action, every flag up to HDR_LEADSPC. */
#define OFFER_ACTIONS 0x1ffu
#define OFFER_FLAGS 0x1fffffu

enum { ST_CONNECT, ST_HELO, ST_MAIL, ST_RCPT, ST_DATA, ST_EOM, ST_EOH,
       ST_N };
static const char stage_cmd[ST_N] = { 'C', 'H', 'M', 'R', 'T', 'E', 'N' };

/* Postfix 3.7's default milter_*_macros. */
static const char *const default_macros[ST_N] = {
    "j {daemon_name} {daemon_addr} v _",
    "{tls_version} {cipher} {cipher_bits} {cert_subject} {cert_issuer}",
    "i {auth_type} {auth_authen} {auth_author} {mail_addr} {mail_host} "
    "{mail_mailer}",
    "i {rcpt_addr} {rcpt_host} {rcpt_mailer}",
    "i", "i", "i",
};

struct msg {
    char sender[64], rcpt[64];
    bool tls;
};

struct session {
    int fd;
    uint32_t flags;
    char macros[ST_N][512];
    const struct msg *m;
    unsigned steps;
};

struct worker {
    pthread_t tid;
    const char *path;
    unsigned id, partners, per_session;
    uint64_t until;
    struct loadstat st;
    uint64_t accepted, rejected, steps;
    int failed;
};

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, char *p, size_t n)
{
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static int send_pkt(struct session *s, char cmd, const char *data, size_t n)
{
    char buf[PKT_MAX];
    uint32_t len = htonl((uint32_t)n + 1);

    if (n + 5 > sizeof(buf))
        return -1;
    memcpy(buf, &len, 4);
    buf[4] = cmd;
    memcpy(buf + 5, data, n);
    s->steps++;
    return write_all(s->fd, buf, n + 5);
}

/* One reply packet: its command byte, data into buf (NUL-ended). */
static int read_pkt(struct session *s, char *cmd, char *buf, size_t *n)
{
    uint32_t len;

    if (read_all(s->fd, (char *)&len, 4) != 0)
        return -1;
    len = ntohl(len);
    if (len < 1 || len > PKT_MAX)
        return -1;
    if (read_all(s->fd, cmd, 1) != 0 || read_all(s->fd, buf, len - 1) != 0)
        return -1;
    buf[len - 1] = '\0';
    *n = len - 1;
    return 0;
}

/* The verdict for a step: 'c' continue, 'a' accept, 'r'/'t'/'y' refusal;
 * at end of message, modification requests come first and are skipped. */
static int read_verdict(struct session *s, char *verdict)
{
    char buf[PKT_MAX];
    size_t n;

    for (;;) {
        if (read_pkt(s, verdict, buf, &n) != 0)
            return -1;
        if (strchr("cartyd", *verdict) != NULL)
            return 0;
        if (strchr("hmiqsl+-e", *verdict) == NULL && *verdict != 'p')
            return -1;
    }
}

static int negotiate(struct session *s)
{
    char buf[PKT_MAX], cmd;
    uint32_t offer[3] = { htonl(6), htonl(OFFER_ACTIONS), htonl(OFFER_FLAGS) };
    size_t n, off = 12;

    for (int i = 0; i < ST_N; i++)
        snprintf(s->macros[i], sizeof(s->macros[i]), "%s", default_macros[i]);
    if (send_pkt(s, 'O', (const char *)offer, sizeof(offer)) != 0
        || read_pkt(s, &cmd, buf, &n) != 0 || cmd != 'O' || n < 12)
        return -1;
    memcpy(&s->flags, buf + 8, 4);
    s->flags = ntohl(s->flags);
    /* The milter's own macro lists replace Postfix's for their stage. */
    while (off + 4 < n) {
        uint32_t stage;
        memcpy(&stage, buf + off, 4);
        stage = ntohl(stage);
        off += 4;
        if (stage < ST_N)
            snprintf(s->macros[stage], sizeof(s->macros[stage]), "%s",
                     buf + off);
        off += strlen(buf + off) + 1;
    }
    return 0;
}

/* What smtpd knows of this session for macro name. */
static const char *macro_value(const struct session *s, const char *name)
{
    static const struct { const char *name, *plain, *tls; } v[] = {
        { "j", "mx.bench.example", NULL },
        { "{daemon_name}", "smtpd", NULL },
        { "{daemon_addr}", "127.0.0.1", NULL },
        { "v", "Postfix 3.7.11", NULL },
        { "_", "mail.partner.example [192.0.2.5]", NULL },
        { "i", "4XbNcH1lQzz9sBt", NULL },
        { "{mail_mailer}", "smtp", NULL },
        { "{rcpt_mailer}", "virtual", NULL },
        { "{rcpt_host}", "bench.example", NULL },
        { "{tls_version}", NULL, "TLSv1.3" },
        { "{cipher}", NULL, "TLS_AES_256_GCM_SHA384" },
        { "{cipher_bits}", NULL, "256" },
        { "{cert_subject}", NULL, "mail.partner.example" },
        { "{cert_issuer}", NULL, "Bench CA" },
    };

    if (strcmp(name, "{mail_addr}") == 0)
        return s->m->sender;
    if (strcmp(name, "{rcpt_addr}") == 0)
        return s->m->rcpt;
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        if (strcmp(v[i].name, name) == 0)
            return v[i].plain != NULL ? v[i].plain
                                      : s->m->tls ? v[i].tls : NULL;
    return NULL;
}

/* The stage's macros with a value, as Postfix sends them (none: nothing). */
static int send_macros(struct session *s, int stage)
{
    char buf[2048], names[512], *save = NULL;
    size_t n = 1;

    snprintf(names, sizeof(names), "%s", s->macros[stage]);
    buf[0] = stage_cmd[stage];
    for (char *t = strtok_r(names, " ", &save); t != NULL;
         t = strtok_r(NULL, " ", &save)) {
        const char *val = macro_value(s, t);
        if (val == NULL || n + strlen(t) + strlen(val) + 2 > sizeof(buf))
            continue;
        memcpy(buf + n, t, strlen(t) + 1);
        n += strlen(t) + 1;
        memcpy(buf + n, val, strlen(val) + 1);
        n += strlen(val) + 1;
    }
    return n == 1 ? 0 : send_pkt(s, 'D', buf, n);
}

/* A step: its macros, the command unless skipped, the reply unless
 * waived. *verdict stays 'c' for a skipped or unanswered step. */
static int step(struct session *s, int stage, char cmd, const char *data,
                size_t n, uint32_t skip, uint32_t noreply, char *verdict)
{
    *verdict = 'c';
    if (stage >= 0 && send_macros(s, stage) != 0)
        return -1;
    if (s->flags & skip)
        return 0;
    if (send_pkt(s, cmd, data, n) != 0)
        return -1;
    return (s->flags & noreply) ? 0 : read_verdict(s, verdict);
}

static int message(struct session *s, char *verdict)
{
    static const char hdr[] = "Subject\0bench\0", body[] = "hello\r\n";
    char arg[80];
    int n;

    n = snprintf(arg, sizeof(arg), "<%s>", s->m->sender) + 1;
    if (step(s, ST_MAIL, 'M', arg, (size_t)n, P_NOMAIL, P_NR_MAIL, verdict)
        || *verdict != 'c')
        return 0;
    n = snprintf(arg, sizeof(arg), "<%s>", s->m->rcpt) + 1;
    if (step(s, ST_RCPT, 'R', arg, (size_t)n, P_NORCPT, P_NR_RCPT, verdict)
        || *verdict != 'c')
        return 0;
    if (step(s, ST_DATA, 'T', "", 0, P_NODATA, P_NR_DATA, verdict)
        || *verdict != 'c'
        || step(s, -1, 'L', hdr, sizeof(hdr) - 1, P_NOHDRS, P_NR_HDR, verdict)
        || *verdict != 'c'
        || step(s, ST_EOH, 'N', "", 0, P_NOEOH, P_NR_EOH, verdict)
        || *verdict != 'c'
        || step(s, -1, 'B', body, sizeof(body) - 1, P_NOBODY, P_NR_BODY,
                verdict)
        || *verdict != 'c')
        return 0;
    if (send_macros(s, ST_EOM) != 0 || send_pkt(s, 'E', "", 0) != 0)
        return -1;
    return read_verdict(s, verdict);
}

static void pick(struct msg *m, unsigned k, unsigned partners)
{
    unsigned r = k % 10, i = (k * 7919u) % partners;

    if (r < 5)
        snprintf(m->sender, sizeof(m->sender), "a@mx.stranger%u.example", i);
    else
        snprintf(m->sender, sizeof(m->sender), "a@partner%u.example", i);
    snprintf(m->rcpt, sizeof(m->rcpt), "b@bench.example");
    m->tls = r != 9;
}

static int unix_connect(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(sun.sun_path))
        return -1;
    strcpy(sun.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* One SMTP session: per_session messages; counts them. */
static int session(struct worker *w, unsigned *k)
{
    static const char helo[] = "mail.partner.example";
    char conn[64], verdict;
    struct session s = { .fd = unix_connect(w->path) };
    struct msg m;
    int n, rc = -1;

    pick(&m, *k, w->partners);
    s.m = &m;
    if (s.fd < 0 || negotiate(&s) != 0)
        goto out;
    /* hostname NUL, family '4', port (network order), address NUL */
    n = snprintf(conn, sizeof(conn), "mail.partner.example") + 1;
    conn[n++] = '4';
    conn[n++] = 0x30;
    conn[n++] = 0x39;
    n += snprintf(conn + n, sizeof(conn) - (size_t)n, "192.0.2.5") + 1;
    if (step(&s, ST_CONNECT, 'C', conn, (size_t)n, P_NOCONNECT, P_NR_CONN,
             &verdict)
        || step(&s, ST_HELO, 'H', helo, sizeof(helo), P_NOHELO, P_NR_HELO,
                &verdict))
        goto out;
    for (unsigned i = 0; i < w->per_session; i++, (*k)++) {
        uint64_t t0 = loadstat_now_ns();
        pick(&m, *k, w->partners);
        if (message(&s, &verdict) != 0 || send_pkt(&s, 'A', "", 0) != 0)
            goto out;
        loadstat_add(&w->st, loadstat_now_ns() - t0);
        if (verdict == 'c' || verdict == 'a')
            w->accepted++;
        else
            w->rejected++;
    }
    send_pkt(&s, 'Q', "", 0);
    rc = 0;
out:
    w->steps += s.steps;
    if (s.fd >= 0)
        close(s.fd);
    return rc;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    unsigned k = w->id * 1000003u;

    while (loadstat_now_ns() < w->until)
        if (session(w, &k) != 0) {
            fprintf(stderr, "milter-load: session failed: %s\n",
                    strerror(errno));
            w->failed = 1;
            break;
        }
    return NULL;
}

int main(int argc, char **argv)
{
    struct worker *ws;
    struct loadstat all;
    int conns;
    double seconds;
    uint64_t start, acc = 0, rej = 0, steps = 0;
    int failed = 0;

    if (argc < 5 || argc > 6) {
        fprintf(stderr, "usage: milter-load SOCKET CONNS SECONDS PARTNERS "
                "[MSGS_PER_SESSION]\n");
        return 2;
    }
    conns = atoi(argv[2]);
    seconds = atof(argv[3]);
    if (conns < 1 || conns > MAX_CONNS || seconds <= 0 || seconds > 60
        || atoi(argv[4]) < 1) {
        fprintf(stderr, "milter-load: 1..%d connections, 0..60 s, "
                "1 or more partners\n", MAX_CONNS);
        return 2;
    }
    ws = calloc((size_t)conns, sizeof(*ws));
    loadstat_init(&all);
    start = loadstat_now_ns();
    for (int i = 0; i < conns; i++) {
        ws[i] = (struct worker){
            .path = argv[1], .id = (unsigned)i,
            .partners = (unsigned)atoi(argv[4]),
            .per_session = argc == 6 ? (unsigned)atoi(argv[5]) : 1,
            .until = start + (uint64_t)(seconds * 1e9),
        };
        loadstat_init(&ws[i].st);
        if (ws[i].per_session < 1 || pthread_create(&ws[i].tid, NULL, work,
                                                    &ws[i]) != 0)
            return 1;
    }
    for (int i = 0; i < conns; i++) {
        pthread_join(ws[i].tid, NULL);
        loadstat_merge(&all, &ws[i].st);
        acc += ws[i].accepted;
        rej += ws[i].rejected;
        steps += ws[i].steps;
        failed |= ws[i].failed;
    }
    if (failed || all.n == 0)
        return 1;
    loadstat_print(&all, (double)(loadstat_now_ns() - start) / 1e9);
    printf(" %llu %llu %.1f\n", (unsigned long long)acc,
           (unsigned long long)rej, (double)steps / (double)all.n);
    return 0;
}
