/* test_policy_conn.c - one connection's bytes over a socketpair: requests
 * split anywhere, pipelined, malformed, oversized, and replies the client
 * does not read (the connection must stop reading, not buffer). */
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conf_fixture.h"
#include "conn.h"
#include "tap.h"

static const char conf_text[] =
    "connector contoso-in {\n"
    "  direction = inbound\n"
    "  sender_domains = { \"contoso.example\" }\n"
    "}\n"
    "connector contoso-out {\n"
    "  direction = outbound\n"
    "  recipient_domains = { \"contoso.example\" }\n"
    "  tls_level = encrypt\n"
    "}\n";

#define REQ "request=smtpd_access_policy\nprotocol_state=RCPT\n" \
            "sender=a@contoso.example\nrecipient=b@test.example\n\n"
#define REJECT "action=550 5.7.0 connector contoso-in: no TLS " \
               "(STARTTLS is required)\n\n"

struct pair {
    struct ft_conn *conn;
    int client;
};

static struct pair pair_new(enum ft_proto proto)
{
    int sv[2];
    struct pair p = { NULL, -1 };

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
        printf("Bail out! socketpair\n");
        exit(1);
    }
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    p.conn = conn_new(sv[0], proto, "test");
    p.client = sv[1];
    return p;
}

static void pair_free(struct pair *p)
{
    conn_free(p->conn);
    close(p->client);
}

static void put(const struct pair *p, const char *s, size_t n)
{
    if (write(p->client, s, n) != (ssize_t)n) {
        printf("Bail out! write\n");
        exit(1);
    }
}

/* What the client can read now, as a string ("" when nothing); each
 * call reads afresh, so TAP_STR (which repeats its argument on failure)
 * is given a copy. */
static char *got(const struct pair *p)
{
    static char buf[65536];
    ssize_t n = read(p->client, buf, sizeof(buf) - 1);

    buf[n > 0 ? n : 0] = '\0';
    return strdup(buf);
}

static void expect_got(const struct pair *p, const char *want,
                       const char *name)
{
    char *text = got(p);

    TAP_STR(text, want, name);
    free(text);
}

static void test_split_anywhere(const struct ft_conf *conf)
{
    size_t len = strlen(REQ);
    int bad = 0;

    for (size_t cut = 1; cut < len; cut++) {
        struct pair p = pair_new(PROTO_POLICY);
        enum ft_conn_want w1, w2;

        char *before, *after;

        put(&p, REQ, cut);
        w1 = conn_readable(p.conn, conf);
        before = got(&p);
        put(&p, REQ + cut, len - cut);
        w2 = conn_readable(p.conn, conf);
        after = got(&p);
        bad += *before != '\0' || w1 != CONN_READ || strcmp(after, REJECT) != 0
               || w2 != CONN_READ;
        free(before);
        free(after);
        pair_free(&p);
    }
    TAP_INT(bad, 0, "a request split at every byte is answered once, whole");
}

static void test_pipelined(const struct ft_conf *conf)
{
    struct pair p = pair_new(PROTO_POLICY);

    put(&p, REQ REQ REQ, 3 * strlen(REQ));
    TAP_INT(conn_readable(p.conn, conf), CONN_READ, "pipelined: keeps reading");
    expect_got(&p, REJECT REJECT REJECT, "pipelined: three answers in order");
    TAP_OK(!conn_busy(p.conn), "pipelined: nothing left over", "busy");
    put(&p, "request=smtpd", 13);
    conn_readable(p.conn, conf);
    TAP_OK(conn_busy(p.conn), "half a request makes the connection busy",
           "not busy");
    pair_free(&p);
}

static void test_malformed(const struct ft_conf *conf)
{
    static const char *const inputs[] = {
        "hello\n\n",
        "request=smtpd_access_policy\r\n\r\n",
        "sender=a@b.example\n\n",
        "request=other\n\n",
    };

    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        struct pair p = pair_new(PROTO_POLICY);

        put(&p, inputs[i], strlen(inputs[i]));
        TAP_INT(conn_readable(p.conn, conf), CONN_CLOSE, inputs[i]);
        expect_got(&p, "", "malformed: no reply");
        pair_free(&p);
    }
}

/* A request that grows past the limit is refused once the limit is
 * passed, however it arrives. */
static void test_oversized(const struct ft_conf *conf)
{
    struct pair p = pair_new(PROTO_POLICY);
    char chunk[1000];
    enum ft_conn_want w = CONN_READ;
    size_t sent = 0;

    memset(chunk, 'x', sizeof(chunk));
    for (int i = 0; i < 100 && w == CONN_READ; i++) {
        char line[1100];
        int n = snprintf(line, sizeof(line), "a%d=%.*s\n", i, 900, chunk);
        put(&p, line, (size_t)n);
        sent += (size_t)n;
        w = conn_readable(p.conn, conf);
    }
    TAP_INT(w, CONN_CLOSE, "oversized request: closed");
    /* The connection reads what its buffer takes, a few KB behind. */
    TAP_OK(sent > REQUEST_SIZE_MAX && sent < REQUEST_SIZE_MAX + 4096,
           "oversized request: closed soon after the limit is passed",
           "after %zu bytes", sent);
    pair_free(&p);
}

/* The client sends and never reads: replies wait, reading stops. */
static void test_backpressure(const struct ft_conf *conf)
{
    struct pair p = pair_new(PROTO_POLICY);
    enum ft_conn_want w = CONN_READ;
    int small = 4096, sent = 0, answered = 0;
    char buf[65536];
    ssize_t n;

    setsockopt(p.conn->fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
    setsockopt(p.client, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
    while (w == CONN_READ && sent < 2000) {
        put(&p, REQ, strlen(REQ));
        sent++;
        w = conn_readable(p.conn, conf);
    }
    TAP_INT(w, CONN_WRITE, "client not reading: the connection waits to write");
    TAP_OK(sent < 2000, "client not reading: it waits early", "sent %d",
           sent);
    /* Drain: every request sent gets its answer, in order, once. */
    for (int i = 0; i < 10000 && answered < sent; i++) {
        while ((n = read(p.client, buf, sizeof(buf))) > 0)
            for (ssize_t k = 1; k < n; k++)
                answered += buf[k] == '\n' && buf[k - 1] == '\n';
        if (w == CONN_WRITE)
            w = conn_writable(p.conn, conf);
    }
    TAP_INT(answered, sent, "client reads again: every request answered");
    TAP_INT(w, CONN_READ, "client reads again: back to reading");
    pair_free(&p);
}

static void test_tlsmap(const struct ft_conf *conf)
{
    struct pair p = pair_new(PROTO_TLSMAP);
    const char q[] = "24:forcetls contoso.example,";

    put(&p, q, 10);
    TAP_INT(conn_readable(p.conn, conf), CONN_READ, "netstring: half of it");
    expect_got(&p, "", "netstring: no answer yet");
    put(&p, q + 10, sizeof(q) - 1 - 10);
    TAP_INT(conn_readable(p.conn, conf), CONN_READ, "netstring: the rest");
    expect_got(&p, "50:OK encrypt protocols=!SSLv2:!SSLv3:!TLSv1:!TLSv1.1,", "netstring: answer");
    put(&p, "3:abc;", 6);
    TAP_INT(conn_readable(p.conn, conf), CONN_CLOSE,
            "broken netstring: closed");
    expect_got(&p, "", "broken netstring: no answer");
    pair_free(&p);
}

int main(void)
{
    struct ft_conf *conf = fixture_conf(conf_text);

    test_split_anywhere(conf);
    test_pipelined(conf);
    test_malformed(conf);
    test_oversized(conf);
    test_backpressure(conf);
    test_tlsmap(conf);
    conf_unref(conf);
    return tap_done();
}
