/* fuzz_conn.c - a socket pair in front of policyd/conn.c (see
 * fuzz_conn.h). */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz.h"
#include "fuzz_conn.h"

static void drain(int fd)
{
    char buf[65536];

    while (read(fd, buf, sizeof(buf)) > 0)
        ;
}

void fuzz_conn(enum ft_proto proto, const uint8_t *data, size_t size)
{
    const struct ft_conf *conf = fuzz_conf();
    struct ft_conn *c;
    enum ft_conn_want want = CONN_READ;
    size_t chunk, off = 1;
    int sv[2];

    log_set_sink(fuzz_no_log);
    if (size < 1 || size > 200000)
        return;
    chunk = data[0] == 0 ? size : data[0];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        abort();
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    if ((c = conn_new(sv[0], proto, "fuzz")) == NULL)
        abort();
    while (want != CONN_CLOSE) {
        if (off < size) {
            size_t n = size - off < chunk ? size - off : chunk;
            ssize_t w = write(sv[1], data + off, n);
            if (w > 0)
                off += (size_t)w;
        } else {
            shutdown(sv[1], SHUT_WR);
        }
        want = want == CONN_WRITE ? conn_writable(c, conf)
                                  : conn_readable(c, conf);
        drain(sv[1]);
    }
    conn_free(c);
    close(sv[1]);
}

