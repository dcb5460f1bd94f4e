/* conn.h - one client connection of either protocol: bounded buffers, the
 * requests framed and answered in order, replies that could not be sent
 * at once kept until the client reads them. */
#ifndef FT_POLICYD_CONN_H
#define FT_POLICYD_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "policy.h"
#include "request.h"

enum ft_proto { PROTO_POLICY, PROTO_TLSMAP };

enum ft_conn_want {
    CONN_READ,        /* waiting for the client's next bytes */
    CONN_WRITE,       /* a reply waits for the client to read it */
    CONN_CLOSE,       /* done: end of input, malformed input or an error */
};

struct ft_conn {
    int fd;
    enum ft_proto proto;
    char peer[80];                /* for log lines */
    char *in;                     /* received, not yet answered */
    size_t inlen, incap;
    char *out;                    /* replies not yet sent */
    size_t outlen, outoff;
    struct ft_reqscan scan;       /* policy: how far in has been checked */
    struct ft_policy_txn txn;     /* policy: the current transaction */
    /* owned by the server: its timer list, deadline and epoll events */
    struct ft_conn *prev, *next;
    uint64_t deadline;
    bool busy;
    uint32_t events;
};

const char *proto_name(enum ft_proto p);

/* A connection on fd (which it closes when freed). NULL when out of memory. */
struct ft_conn *conn_new(int fd, enum ft_proto proto, const char *peer);
void conn_free(struct ft_conn *c);

/* Read what the client sent and answer every complete request with conf. */
enum ft_conn_want conn_readable(struct ft_conn *c, const struct ft_conf *conf);

/* Send pending replies; then answer requests that waited behind them. */
enum ft_conn_want conn_writable(struct ft_conn *c, const struct ft_conf *conf);

/* A request is half-received or a reply half-sent. */
bool conn_busy(const struct ft_conn *c);

#endif
