/* conn.c - one connection's bytes: reads bounded by the largest request
 * the protocol allows, requests answered in arrival order, and no reading
 * while a reply waits, so a client that does not read cannot make us
 * buffer without end. Malformed input is logged and the connection closed
 * without a reply, as the Postfix policy protocol requires. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "log.h"
#include "netstring.h"
#include "tlsmap.h"

#define CONN_IN_FIRST 2048
/* Room for a whole request and one byte more, so an oversized one shows. */
#define POLICY_IN_MAX (REQUEST_SIZE_MAX + 1)
#define TLSMAP_IN_MAX (TLSMAP_QUERY_MAX + 16)
#define TLSMAP_FRAME_MAX (TLSMAP_REPLY_MAX + 16)

const char *proto_name(enum ft_proto p)
{
    return p == PROTO_POLICY ? "policy" : "tlsmap";
}

struct ft_conn *conn_new(int fd, enum ft_proto proto, const char *peer)
{
    struct ft_conn *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->fd = fd;
    c->proto = proto;
    snprintf(c->peer, sizeof(c->peer), "%s", peer);
    request_scan_reset(&c->scan);
    return c;
}

void conn_free(struct ft_conn *c)
{
    if (c == NULL)
        return;
    policy_txn_end(&c->txn);
    close(c->fd);
    free(c->in);
    free(c->out);
    free(c);
}

bool conn_busy(const struct ft_conn *c)
{
    return c->inlen > 0 || c->outoff < c->outlen;
}

static size_t in_max(const struct ft_conn *c)
{
    return c->proto == PROTO_POLICY ? POLICY_IN_MAX : TLSMAP_IN_MAX;
}

/* First-size buffers given back by connections between two requests, for
 * the next request on any connection: a busy connection empties its
 * buffer after every request, and malloc and free of 2 KB each time were
 * a tenth of a request's work. Idle connections still hold none. */
#define STASH_MAX 64
static char *stash[STASH_MAX];
static size_t nstash;

/* Room to read into, allocated only once a client sends something: a
 * thousand idle connections cost no buffers. */
static bool in_room(struct ft_conn *c)
{
    size_t cap;
    char *p;

    if (c->inlen < c->incap)
        return true;
    if (c->incap >= in_max(c))
        return false;
    if (c->incap == 0 && nstash > 0) {
        c->in = stash[--nstash];
        c->incap = CONN_IN_FIRST;
        return true;
    }
    cap = c->incap == 0 ? CONN_IN_FIRST : 2 * c->incap;
    if (cap > in_max(c))
        cap = in_max(c);
    if ((p = realloc(c->in, cap)) == NULL)
        return false;
    c->in = p;
    c->incap = cap;
    return true;
}

static void in_consume(struct ft_conn *c, size_t n)
{
    memmove(c->in, c->in + n, c->inlen - n);
    c->inlen -= n;
    if (c->inlen == 0) {
        /* Give an idle connection's buffer back. */
        if (c->incap == CONN_IN_FIRST && nstash < STASH_MAX)
            stash[nstash++] = c->in;
        else
            free(c->in);
        c->in = NULL;
        c->incap = 0;
    }
}

/* Queue a reply and send what the socket takes now. */
static enum ft_conn_want send_reply(struct ft_conn *c, const char *data,
                                    size_t n)
{
    ssize_t sent = 0;

    if (c->outoff == c->outlen) {
        sent = send(c->fd, data, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            log_warn("%s client %s: cannot send the reply: %s",
                     proto_name(c->proto), c->peer, strerror(errno));
            return CONN_CLOSE;
        }
        if (sent < 0)
            sent = 0;
        if ((size_t)sent == n)
            return CONN_READ;
    }
    free(c->out);
    if ((c->out = malloc(n - (size_t)sent)) == NULL) {
        log_error("%s client %s: out of memory queueing a reply",
                  proto_name(c->proto), c->peer);
        return CONN_CLOSE;
    }
    memcpy(c->out, data + sent, n - (size_t)sent);
    c->outlen = n - (size_t)sent;
    c->outoff = 0;
    return CONN_WRITE;
}

static enum ft_conn_want malformed(struct ft_conn *c, const char *why)
{
    log_warn("%s client %s: malformed request (%s); closing the connection "
             "without a reply", proto_name(c->proto), c->peer, why);
    return CONN_CLOSE;
}

/* One complete policy request, if there is one. */
static enum ft_conn_want policy_next(struct ft_conn *c,
                                     const struct ft_conf *conf, bool *done)
{
    struct ft_request_attrs req;
    char why[REQUEST_WHY_MAX], answer[POLICY_ANSWER_MAX];
    size_t end;

    switch (request_scan(&c->scan, c->in, c->inlen, why, sizeof(why))) {
    case REQUEST_PARTIAL:
        *done = true;
        return CONN_READ;
    case REQUEST_BAD:
        return malformed(c, why);
    case REQUEST_COMPLETE:
        break;
    }
    end = c->scan.pos;
    if (!request_parse(c->in, &c->scan, &req, why, sizeof(why))
        || !policy_answer(conf, &c->txn, &req, answer, sizeof(answer), why,
                          sizeof(why)))
        return malformed(c, why);
    in_consume(c, end);
    request_scan_reset(&c->scan);
    return send_reply(c, answer, strlen(answer));
}

/* One complete socketmap query, if there is one. */
static enum ft_conn_want tlsmap_next(struct ft_conn *c,
                                     const struct ft_conf *conf, bool *done)
{
    char answer[TLSMAP_REPLY_MAX], frame[TLSMAP_FRAME_MAX];
    const char *query;
    size_t qlen, used, alen, flen;
    enum ft_netstring st;

    st = netstring_parse(c->in, c->inlen, TLSMAP_QUERY_MAX, &query, &qlen,
                         &used);
    if (st == NETSTRING_PARTIAL) {
        *done = true;
        return CONN_READ;
    }
    if (st != NETSTRING_OK)
        return malformed(c, st == NETSTRING_TOO_LONG
                                ? "netstring longer than the longest query"
                                : "not a netstring");
    alen = tlsmap_answer(conf, query, qlen, answer, sizeof(answer));
    in_consume(c, used);
    if ((flen = netstring_format(frame, sizeof(frame), answer, alen)) == 0) {
        log_error("tlsmap client %s: reply does not fit a frame",
                  c->peer);
        return CONN_CLOSE;
    }
    return send_reply(c, frame, flen);
}

/* Answer complete requests until one must wait for the client to read. */
static enum ft_conn_want answer_all(struct ft_conn *c,
                                    const struct ft_conf *conf)
{
    enum ft_conn_want want = CONN_READ;
    bool done = false;

    while (want == CONN_READ && !done && c->inlen > 0)
        want = c->proto == PROTO_POLICY ? policy_next(c, conf, &done)
                                        : tlsmap_next(c, conf, &done);
    return want;
}

enum ft_conn_want conn_readable(struct ft_conn *c, const struct ft_conf *conf)
{
    ssize_t n;

    if (!in_room(c)) {
        /* Only a request the scanner has not refused could fill it. */
        log_error("%s client %s: out of buffer space", proto_name(c->proto),
                  c->peer);
        return CONN_CLOSE;
    }
    n = recv(c->fd, c->in + c->inlen, c->incap - c->inlen, MSG_DONTWAIT);
    if (n == 0)
        return CONN_CLOSE;
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR
                   ? CONN_READ : CONN_CLOSE;
    c->inlen += (size_t)n;
    return answer_all(c, conf);
}

enum ft_conn_want conn_writable(struct ft_conn *c, const struct ft_conf *conf)
{
    ssize_t n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
                     MSG_NOSIGNAL | MSG_DONTWAIT);

    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR
                   ? CONN_WRITE : CONN_CLOSE;
    c->outoff += (size_t)n;
    if (c->outoff < c->outlen)
        return CONN_WRITE;
    free(c->out);
    c->out = NULL;
    c->outlen = c->outoff = 0;
    return answer_all(c, conf);
}
