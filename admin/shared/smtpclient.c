/* smtpclient.c - TCP with a connect timeout, socket timeouts for every
 * read and write, SMTP replies read whole, then OpenSSL on the same
 * socket; nothing the server sent before STARTTLS's reply may linger. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sysexits.h>
#include <unistd.h>

#include <openssl/err.h>

#include "ipaddr.h"
#include "smtpclient.h"

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

/* Non-blocking connect, poll for the timeout, then blocking I/O with
 * SO_RCVTIMEO/SO_SNDTIMEO so that OpenSSL's reads time out too. */
static int connect_one(const struct addrinfo *ai, int timeout, int *err_no)
{
    struct timeval tv = { timeout, 0 };
    struct pollfd p;
    socklen_t elen = sizeof(*err_no);
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);

    if (fd < 0) {
        *err_no = errno;
        return -1;
    }
    fcntl(fd, F_SETFL, O_NONBLOCK);
    *err_no = 0;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        p.fd = fd;
        p.events = POLLOUT;
        if (errno != EINPROGRESS)
            *err_no = errno;
        else if (poll(&p, 1, timeout * 1000) != 1)
            *err_no = ETIMEDOUT;
        else
            getsockopt(fd, SOL_SOCKET, SO_ERROR, err_no, &elen);
    }
    if (*err_no != 0) {
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, 0);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    return fd;
}

int smtp_connect(struct smtp_session *s, const char *host, const char *port,
                 int timeout, char *err, size_t errlen)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
    char addr[64] = "";
    int rc, err_no = 0;

    memset(s, 0, sizeof(*s));
    s->fd = -1;
    s->timeout = timeout;
    if ((rc = getaddrinfo(host, port, &hints, &res)) != 0)
        return fail(err, errlen, EX_NOHOST, "cannot resolve %s: %s", host,
                    gai_strerror(rc));
    for (ai = res; ai != NULL && s->fd < 0; ai = ai->ai_next) {
        addr_text(ai->ai_addr, addr, sizeof(addr));
        s->fd = connect_one(ai, timeout, &err_no);
    }
    freeaddrinfo(res);
    if (s->fd < 0)
        return fail(err, errlen, err_no == ETIMEDOUT ? EX_TEMPFAIL
                    : EX_UNAVAILABLE, "cannot connect to %s[%s]:%s: %s",
                    host, addr, port, err_no == ETIMEDOUT ? "timed out after "
                    "the connect timeout" : strerror(err_no));
    snprintf(s->peer, sizeof(s->peer), "%s[%s]:%s", host, addr, port);
    {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof(ss);
        if (getsockname(s->fd, (struct sockaddr *)&ss, &sl) == 0)
            addr_text((struct sockaddr *)&ss, s->local_addr,
                      sizeof(s->local_addr));
    }
    return 0;
}

/* One line into line (CRLF removed); before TLS only. */
static int read_line(struct smtp_session *s, char *line, size_t len,
                     char *err, size_t errlen)
{
    for (;;) {
        char *nl = memchr(s->buf, '\n', s->nbuf);
        ssize_t n;

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
        n = recv(s->fd, s->buf + s->nbuf, sizeof(s->buf) - s->nbuf, 0);
        if (n == 0)
            return fail(err, errlen, EX_PROTOCOL, "%s closed the connection",
                        s->peer);
        if (n < 0)
            return fail(err, errlen, errno == EAGAIN || errno == EWOULDBLOCK
                        ? EX_TEMPFAIL : EX_PROTOCOL, "%s: no reply: %s",
                        s->peer, errno == EAGAIN || errno == EWOULDBLOCK
                        ? "timed out" : strerror(errno));
        s->nbuf += (size_t)n;
    }
}

int smtp_reply(struct smtp_session *s, char *text, size_t len, int *code,
               char *err, size_t errlen)
{
    char line[SMTP_TEXT];
    size_t used = 0;
    int rc;

    text[0] = '\0';
    do {
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
    int n = snprintf(line, sizeof(line), "%s\r\n", cmd);

    if (send(s->fd, line, (size_t)n, MSG_NOSIGNAL) != n)
        return fail(err, errlen, EX_PROTOCOL, "%s: cannot send %s: %s",
                    s->peer, cmd, strerror(errno));
    return smtp_reply(s, text, len, code, err, errlen);
}

static const char *ssl_error(void)
{
    unsigned long e = ERR_get_error();
    const char *why = e ? ERR_reason_error_string(e) : NULL;

    return why != NULL ? why : "the server closed the connection";
}

int smtp_tls(struct smtp_session *s, const char *sni, const char *cert,
             const char *key, char *err, size_t errlen)
{
    struct in6_addr a6;
    struct in_addr a4;
    int rc;

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
    errno = 0;
    if ((rc = SSL_connect(s->ssl)) != 1) {
        /* SO_RCVTIMEO expiring shows as a system call error, EAGAIN. */
        bool timed_out = SSL_get_error(s->ssl, rc) == SSL_ERROR_SYSCALL
            && (errno == EAGAIN || errno == EWOULDBLOCK);
        return fail(err, errlen, timed_out ? EX_TEMPFAIL : EX_PROTOCOL,
                    "%s: TLS handshake failed: %s", s->peer,
                    timed_out ? "timed out" : ssl_error());
    }
    return 0;
}

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
