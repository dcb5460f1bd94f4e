/* sockmatch.h - is the socket Postfix connects to the one a forcetls
 * daemon listens on? The two spell sockets differently. */
#ifndef FT_SOCKMATCH_H
#define FT_SOCKMATCH_H

#include <stdbool.h>
#include <stddef.h>

struct sock {
    bool is_unix;
    char path[512];        /* absolute */
    char host[256];        /* "" for any address */
    char port[32];
};

/* libmilter: "unix:/p", "local:/p", "inet:PORT[@HOST]", "inet6:PORT[@HOST]". */
bool sock_from_libmilter(const char *spec, struct sock *s);

/* forcetls-policyd: "unix:/p", "inet:HOST:PORT". */
bool sock_from_listen(const char *spec, struct sock *s);

/* Postfix: "unix:PATH" or "inet:HOST:PORT". A relative path is under the
 * queue directory; so is an absolute one for a chrooted service. */
bool sock_from_postfix(const char *spec, const char *queue_dir, bool chroot,
                       struct sock *s);

bool sock_same(const struct sock *ours, const struct sock *postfix);

/* How main.cf should name our socket s: "unix:forcetls/milter.sock"
 * relative to queue_dir, which chrooted and unchrooted Postfix daemons
 * alike resolve, or "inet:HOST:PORT". False when the socket lies outside
 * queue_dir, where a chrooted daemon cannot reach it. */
bool sock_postfix_spelling(const struct sock *s, const char *queue_dir,
                           char *out, size_t len);

#endif
