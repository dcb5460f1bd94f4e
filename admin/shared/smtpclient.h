/* smtpclient.h - just enough of an SMTP client to reach STARTTLS and
 * finish a TLS handshake, all of it within one deadline. */
#ifndef FT_SMTPCLIENT_H
#define FT_SMTPCLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include <openssl/ssl.h>

#define SMTP_TEXT 2048
#define SMTP_MAX_LINES 100        /* of one reply (EHLO has a dozen) */

struct smtp_session {
    int fd;
    long timeout_ms;              /* for the whole exchange */
    long deadline;                /* tool_clock_ms() when it is over */
    char peer[320];               /* "host[addr]:port" */
    char local_addr[64];          /* our address, as the server sees it */
    char buf[SMTP_TEXT];          /* bytes read but not yet used */
    size_t nbuf;
    SSL_CTX *ctx;
    SSL *ssl;
};

/* Each returns 0 or a sysexits code with a message in err:
 * EX_UNAVAILABLE (no connection), EX_TEMPFAIL (the time is up),
 * EX_PROTOCOL (the server does not speak SMTP or STARTTLS as it should).
 * Everything from the connect to the end of the handshake must be done
 * within timeout_ms of the connect. */
int smtp_connect(struct smtp_session *s, const char *host, const char *port,
                 long timeout_ms, char *err, size_t errlen);

/* Read one reply (all lines of a multi-line one) into text; *code is its
 * code. */
int smtp_reply(struct smtp_session *s, char *text, size_t len, int *code,
               char *err, size_t errlen);

/* Send a command line (CRLF added) and read the reply. */
int smtp_command(struct smtp_session *s, const char *cmd, char *text,
                 size_t len, int *code, char *err, size_t errlen);

/* After "220" to STARTTLS: the handshake, with SNI when sni is a name and
 * a client certificate when cert is not NULL. The peer is not verified
 * here: the caller looks at what it presented, trusted or not. */
int smtp_tls(struct smtp_session *s, const char *sni, const char *cert,
             const char *key, char *err, size_t errlen);

void smtp_close(struct smtp_session *s);

#endif
