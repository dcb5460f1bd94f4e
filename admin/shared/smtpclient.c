/* smtpclient.c - TCP, SMTP replies read whole, then OpenSSL on the same
 * socket, all on a non-blocking socket under one deadline for the whole
 * exchange: a server that drips a byte at a time, or never ends a reply,
 * is cut off when the time is up, not given the time again at each read.
 * A reply has at most SMTP_MAX_LINES lines of SMTP_TEXT bytes; nothing
 * the server sent before STARTTLS's reply may linger. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sysexits.h>
#include <unistd.h>

#include <openssl/err.h>

#include "ipaddr.h"
#include "smtpclient.h"
#include "tool.h"

static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return status;
}

static void addr_text(const struct sockaddr *sa, char *out, size_t len)
{
    if (!ipaddr_sockaddr_text(sa, false, out, len))
        snprintf(out, len, "?");
}

/* Wait until the socket is ready for events, within the deadline: 0, or
 * EX_TEMPFAIL with why in err. */
static int ready(struct smtp_session *s, short events, const char *doing,
                 char *err, size_t errlen)
{
    struct pollfd p = { .fd = s->fd, .events = events };
    long left;
    int n;

    do {
        if ((left = s->deadline - tool_clock_ms()) <= 0)
            return fail(err, errlen, EX_TEMPFAIL, "%s: %s: timed out (the "
                        "whole exchange may take %ld s)", s->peer, doing,
                        s->timeout_ms / 1000);
        n = poll(&p, 1, (int)(left < INT_MAX ? left : INT_MAX));
    } while (n == 0 || (n < 0 && errno == EINTR));
    if (n < 0)
        return fail(err, errlen, EX_PROTOCOL, "%s: %s: %s", s->peer, doing,
                    strerror(errno));
    return 0;
}

/* Non-blocking connect, polled until the deadline; the socket stays
 * non-blocking. */
static int connect_one(struct smtp_session *s, const struct addrinfo *ai,
                       int *err_no)
{
    char why[8];
    socklen_t elen = sizeof(*err_no);
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK
                                       | SOCK_CLOEXEC, ai->ai_protocol);

    *err_no = 0;
    if (fd < 0) {
        *err_no = errno;
        return -1;
    }
    s->fd = fd;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno != EINPROGRESS)
            *err_no = errno;
        else if (ready(s, POLLOUT, "connect", why, sizeof(why)) != 0)
            *err_no = ETIMEDOUT;
        else
            getsockopt(fd, SOL_SOCKET, SO_ERROR, err_no, &elen);
    }
    s->fd = -1;
    if (*err_no != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int smtp_connect(struct smtp_session *s, const char *host, const char *port,
                 long timeout_ms, char *err, size_t errlen)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    char addr[64] = "";
    int rc, err_no = 0, fd = -1;

    memset(s, 0, sizeof(*s));
    s->fd = -1;
    s->timeout_ms = timeout_ms;
    s->deadline = tool_clock_ms() + timeout_ms;
    snprintf(s->peer, sizeof(s->peer), "%s:%s", host, port);
    if ((rc = getaddrinfo(host, port, &hints, &res)) != 0)
        return fail(err, errlen, EX_NOHOST, "cannot resolve %s: %s", host,
                    gai_strerror(rc));
    for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        addr_text(ai->ai_addr, addr, sizeof(addr));
        fd = connect_one(s, ai, &err_no);
    }
    freeaddrinfo(res);
    if (fd < 0)
        return fail(err, errlen, err_no == ETIMEDOUT ? EX_TEMPFAIL
                    : EX_UNAVAILABLE, "cannot connect to %s[%s]:%s: %s",
                    host, addr, port, err_no == ETIMEDOUT ? "timed out after "
                    "the connect timeout" : strerror(err_no));
    s->fd = fd;
    snprintf(s->peer, sizeof(s->peer), "%s[%s]:%s", host, addr, port);
    if (getsockname(s->fd, (struct sockaddr *)&ss, &sl) == 0)
        addr_text((struct sockaddr *)&ss, s->local_addr,
                  sizeof(s->local_addr));
    return 0;
}

/* One line into line (CRLF removed); before TLS only. */
static int read_line(struct smtp_session *s, char *line, size_t len,
                     char *err, size_t errlen)
{
    for (;;) {
        char *nl = memchr(s->buf, '\n', s->nbuf);
        ssize_t n;
        int rc;

        if (nl != NULL) {
            size_t l = (size_t)(nl - s->buf);
            snprintf(line, len, "%.*s", (int)(l > 0 && nl[-1] == '\r'
                                              ? l - 1 : l), s->buf);
            memmove(s->buf, nl + 1, s->nbuf - l - 1);
            s->nbuf -= l + 1;
            return 0;
        }
        if (s->nbuf == sizeof(s->buf))
            return fail(err, errlen, EX_PROTOCOL, "%s: reply line longer "
                        "than %zu bytes", s->peer, sizeof(s->buf));
        if ((rc = ready(s, POLLIN, "no reply", err, errlen)) != 0)
            return rc;
        n = recv(s->fd, s->buf + s->nbuf, sizeof(s->buf) - s->nbuf, 0);
        if (n == 0)
            return fail(err, errlen, EX_PROTOCOL, "%s closed the connection",
                        s->peer);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK
            && errno != EINTR)
            return fail(err, errlen, EX_PROTOCOL, "%s: no reply: %s",
                        s->peer, strerror(errno));
        if (n > 0)
            s->nbuf += (size_t)n;
    }
}

int smtp_reply(struct smtp_session *s, char *text, size_t len, int *code,
               char *err, size_t errlen)
{
    char line[SMTP_TEXT];
    size_t used = 0;
    int rc, lines = 0;

    text[0] = '\0';
    do {
        if (++lines > SMTP_MAX_LINES)
            return fail(err, errlen, EX_PROTOCOL, "%s: a reply of more than "
                        "%d lines", s->peer, SMTP_MAX_LINES);
        if ((rc = read_line(s, line, sizeof(line), err, errlen)) != 0)
            return rc;
        if (strlen(line) < 3 || line[0] < '2' || line[0] > '5'
            || (line[3] != ' ' && line[3] != '-' && line[3] != '\0'))
            return fail(err, errlen, EX_PROTOCOL, "%s: not an SMTP reply: "
                        "\"%.80s\"", s->peer, line);
        used += (size_t)snprintf(text + used, used < len ? len - used : 0,
                                 "%s%s", used ? "\n" : "", line);
    } while (line[3] == '-');
    *code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    return 0;
}

int smtp_command(struct smtp_session *s, const char *cmd, char *text,
                 size_t len, int *code, char *err, size_t errlen)
{
    char line[512];
    int n = snprintf(line, sizeof(line), "%s\r\n", cmd), rc;
    ssize_t sent;

    for (int off = 0; off < n; off += (int)sent) {
        if ((rc = ready(s, POLLOUT, cmd, err, errlen)) != 0)
            return rc;
        if ((sent = send(s->fd, line + off, (size_t)(n - off),
                         MSG_NOSIGNAL)) < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                return fail(err, errlen, EX_PROTOCOL, "%s: cannot send %s: "
                            "%s", s->peer, cmd, strerror(errno));
            sent = 0;
        }
    }
    return smtp_reply(s, text, len, code, err, errlen);
}

static const char *ssl_error(void)
{
    unsigned long e = ERR_get_error();
    const char *why = e ? ERR_reason_error_string(e) : NULL;

    return why != NULL ? why : "the server closed the connection";
}

/* SSL_connect() on the non-blocking socket, waiting as it asks. */
static int handshake(struct smtp_session *s, char *err, size_t errlen)
{
    int rc, e;

    for (;;) {
        if ((rc = SSL_connect(s->ssl)) == 1)
            return 0;
        e = SSL_get_error(s->ssl, rc);
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
            return fail(err, errlen, EX_PROTOCOL, "%s: TLS handshake "
                        "failed: %s", s->peer, ssl_error());
        if ((rc = ready(s, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT,
                        "TLS handshake", err, errlen)) != 0)
            return rc;
    }
}

int smtp_tls(struct smtp_session *s, const char *sni, const char *cert,
             const char *key, char *err, size_t errlen)
{
    struct in6_addr a6;
    struct in_addr a4;

    /* A server that sent more after "220" is trying to inject commands. */
    if (s->nbuf != 0)
        return fail(err, errlen, EX_PROTOCOL, "%s sent data after its "
                    "STARTTLS reply; refusing to continue", s->peer);
    if ((s->ctx = SSL_CTX_new(TLS_client_method())) == NULL
        || (s->ssl = SSL_new(s->ctx)) == NULL)
        return fail(err, errlen, EX_SOFTWARE, "OpenSSL: %s", ssl_error());
    if (cert != NULL
        && (SSL_use_certificate_chain_file(s->ssl, cert) != 1
            || SSL_use_PrivateKey_file(s->ssl, key, SSL_FILETYPE_PEM) != 1
            || SSL_check_private_key(s->ssl) != 1))
        return fail(err, errlen, EX_NOINPUT, "client certificate %s with "
                    "key %s: %s", cert, key, ssl_error());
    if (inet_pton(AF_INET, sni, &a4) != 1 && inet_pton(AF_INET6, sni, &a6) != 1)
        SSL_set_tlsext_host_name(s->ssl, sni);
    SSL_set_fd(s->ssl, s->fd);
    return handshake(s, err, errlen);
}

/* Goodbye without waiting: the socket is non-blocking, and what the
 * server says to it does not matter. */
void smtp_close(struct smtp_session *s)
{
    if (s->ssl != NULL) {
        SSL_write(s->ssl, "QUIT\r\n", 6);
        SSL_shutdown(s->ssl);
        SSL_free(s->ssl);
    } else if (s->fd >= 0) {
        send(s->fd, "QUIT\r\n", 6, MSG_NOSIGNAL);
    }
    SSL_CTX_free(s->ctx);
    if (s->fd >= 0)
        close(s->fd);
    s->ssl = NULL;
    s->ctx = NULL;
    s->fd = -1;
}
