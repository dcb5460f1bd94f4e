/* syslogc.c - syslog without waiting. glibc's syslog(3) sends on a
 * blocking socket, so a syslog daemon that stops reading (its queue full)
 * would stop every decision with it; here the datagram goes out with
 * MSG_DONTWAIT, or is dropped and counted. A missing /dev/log is tried
 * again at most once a second. The wire format is glibc's:
 * "<PRI>Mmm dd hh:mm:ss ident[pid]: text"; the tag and the facility are
 * lib/log.c's, this file keeps only the socket and its time stamps. */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "logstamp.h"
#include "strbuf.h"
#include "syslogc.h"

#define SYSLOGC_PATH "/dev/log"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int sock = -1;
static time_t retry_at;
static unsigned long dropped;
static struct ft_logstamp stamp = { .fmt = "%b %e %T" };

/* Under the lock: a connected socket, or -1 until the next retry. */
static int connected(void)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    time_t now = time(NULL);

    if (sock >= 0 || now < retry_at)
        return sock;
    retry_at = now + 1;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", SYSLOGC_PATH);
    if ((sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                       0)) < 0)
        return -1;
    if (connect(sock, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(sock);
        sock = -1;
    }
    return sock;
}

/* "<PRI>" for pri (at most 191) into out; its length. */
static size_t pri_text(char *out, int pri)
{
    size_t n = 0;

    out[n++] = '<';
    if (pri >= 100)
        out[n++] = (char)('0' + pri / 100);
    if (pri >= 10)
        out[n++] = (char)('0' + pri / 10 % 10);
    out[n++] = (char)('0' + pri % 10);
    out[n++] = '>';
    return n;
}

/* Under the lock: false when the datagram could not go. A syslog daemon
 * that went away (restarted) makes the socket fail: connect again. */
static bool send_line(int prio, const char *label, const char *line)
{
    char msg[4352], pri[8];
    struct ft_strbuf sb;
    size_t n;

    if (connected() < 0)
        return false;
    strbuf_init(&sb, msg, sizeof(msg));
    strbuf_putn(&sb, pri, pri_text(pri, log_facility() | LOG_PRI(prio)));
    logstamp_record(&sb, &stamp, NULL, label, line);
    n = sb.pos < sizeof(msg) ? sb.pos : sizeof(msg) - 1;
    if (send(sock, msg, n, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0)
        return true;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
        close(sock);
        sock = -1;
    }
    return false;
}

void syslogc_send(int prio, const char *label, const char *line)
{
    char note[96];

    pthread_mutex_lock(&lock);
    if (dropped > 0) {
        snprintf(note, sizeof(note), "%lu log lines were dropped: "
                 "the syslog socket was full or missing", dropped);
        if (send_line(LOG_WARNING, "warning", note))
            dropped = 0;
    }
    if (!send_line(prio, label, line))
        dropped++;
    pthread_mutex_unlock(&lock);
}
