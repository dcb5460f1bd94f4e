/* postlog.c - a client of Postfix's postlogd(8): one datagram per log
 * record, in the syslog-like form Postfix's own msg_logger writes
 * ("Mmm dd hh:mm:ss host prog[pid]: text"), which postlogd appends to
 * maillog_file. A record postlogd cannot take now is reported, never
 * waited for: logging must not hold up a decision. The tag is lib/log.c's;
 * this file keeps the socket, the host name and its time stamps. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "logstamp.h"
#include "postlog.h"
#include "strbuf.h"

/* Postfix truncates its own records near here. */
#define RECORD_MAX 2048

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int sock = -1;
static char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static char host[64] = "localhost";
static struct ft_logstamp stamp = { .fmt = "%b %d %H:%M:%S" };

static int connect_locked(void)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd;

    if (sock >= 0)
        return 0;
    memcpy(sun.sun_path, sock_path, sizeof(sock_path));
    if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    sock = fd;
    return 0;
}

int postlog_open(const char *path)
{
    int rc;

    if (strlen(path) >= sizeof(sock_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    pthread_mutex_lock(&lock);
    snprintf(sock_path, sizeof(sock_path), "%s", path);
    /* Postfix writes the first label of the host name. */
    if (gethostname(host, sizeof(host)) != 0)
        snprintf(host, sizeof(host), "localhost");
    host[sizeof(host) - 1] = '\0';
    host[strcspn(host, ".")] = '\0';
    rc = connect_locked();
    pthread_mutex_unlock(&lock);
    return rc;
}

static bool send_locked(const char *record, size_t len)
{
    if (connect_locked() != 0)
        return false;
    if (send(sock, record, len, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0)
        return true;
    /* postlogd restarted (a new socket) or is gone: reconnect once. */
    close(sock);
    sock = -1;
    return connect_locked() == 0
        && send(sock, record, len, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0;
}

bool postlog_send(const char *label, const char *line)
{
    char record[RECORD_MAX];
    struct ft_strbuf sb;
    size_t n;
    bool sent;

    pthread_mutex_lock(&lock);
    strbuf_init(&sb, record, sizeof(record));
    logstamp_record(&sb, &stamp, host, label, line);
    n = sb.pos < sizeof(record) ? sb.pos : sizeof(record) - 1;
    sent = send_locked(record, n);
    pthread_mutex_unlock(&lock);
    return sent;
}
