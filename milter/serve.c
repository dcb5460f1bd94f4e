/* serve.c - libmilter serving in a thread of its own, and the stop.
 * libmilter's signal thread stops the milter on SIGHUP as on SIGTERM and
 * tells no one which it was, yet an administrator's habit is kill -HUP
 * for a reload: so the main thread waits for the stop signals itself.
 * Linux hands a signal sent to the process to its main thread when that
 * thread is waiting for it, so libmilter's thread does not see them. If
 * it sees one anyway (a second stop signal before the first was taken),
 * libmilter stops, smfi_main() returns, and the serving thread wakes the
 * main thread: the stop is the same, logged without the signal's name. */
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

#include "serve.h"

#define POKE_EVERY_MS 20

static pthread_t main_thread, serving_thread;
static atomic_bool served;          /* smfi_main() has returned */
static int serve_result;

static void *serving_main(void *arg)
{
    (void)arg;
    serve_result = smfi_main();
    atomic_store(&served, true);
    /* Wake the main thread, in case libmilter stopped on its own. */
    pthread_kill(main_thread, SIGTERM);
    return NULL;
}

int serve_start(void)
{
    main_thread = pthread_self();
    return pthread_create(&serving_thread, NULL, serving_main, NULL) == 0
               ? 0 : -1;
}

int serve_wait(void)
{
    sigset_t set;
    int sig;

    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    while ((sig = sigwaitinfo(&set, NULL)) < 0)
        if (errno != EINTR)
            return 0;
    return atomic_load(&served) ? 0 : sig;
}

static void *stopper_main(void *arg)
{
    (void)arg;
    smfi_stop();
    return NULL;
}

/* "unix:/p", "local:/p", "inet:PORT[@HOST]", "inet6:PORT[@HOST]" (a host
 * of any address is reached on loopback). */
static int poke_address(const char *spec, struct sockaddr_storage *ss,
                        socklen_t *len)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai;
    const char *path = strchr(spec, ':'), *at;
    char port[16], host[256];

    if (path == NULL)
        return -1;
    if (strncmp(spec, "unix:", 5) == 0 || strncmp(spec, "local:", 6) == 0) {
        struct sockaddr_un *sun = (struct sockaddr_un *)ss;

        sun->sun_family = AF_UNIX;
        if (snprintf(sun->sun_path, sizeof(sun->sun_path), "%s", path + 1)
            >= (int)sizeof(sun->sun_path))
            return -1;
        *len = sizeof(*sun);
        return 0;
    }
    at = strchr(path, '@');
    snprintf(port, sizeof(port), "%.*s",
             (int)(at ? (size_t)(at - path - 1) : strlen(path + 1)), path + 1);
    if (at != NULL && at[1] != '\0' && strcmp(at + 1, "0.0.0.0") != 0
        && strcmp(at + 1, "::") != 0)
        snprintf(host, sizeof(host), "%s", at + 1);
    else
        snprintf(host, sizeof(host), "%s",
                 strncmp(spec, "inet6:", 6) == 0 ? "::1" : "127.0.0.1");
    if (getaddrinfo(host, port, &hints, &ai) != 0)
        return -1;
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    *len = ai->ai_addrlen;
    freeaddrinfo(ai);
    return 0;
}

/* libmilter's listener looks at the stop only between accepts, or every
 * five seconds: a connection of our own makes it look now (not when a
 * successor has the socket's name: that would be its socket). */
static void poke(const struct sockaddr_storage *ss, socklen_t len)
{
    int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK, 0);

    if (fd < 0)
        return;
    connect(fd, (const struct sockaddr *)ss, len);
    close(fd);
}

int serve_stop(const char *spec, const struct ft_made *sock)
{
    struct timespec pause = { 0, POKE_EVERY_MS * 1000000L };
    struct sockaddr_storage ss = { 0 };
    socklen_t len = 0;
    bool can_poke = poke_address(spec, &ss, &len) == 0;
    pthread_t stopper;
    bool stopping;

    stopping = pthread_create(&stopper, NULL, stopper_main, NULL) == 0;
    if (!stopping)
        smfi_stop();
    while (!atomic_load(&served)) {
        if (can_poke && (sock->path == NULL || daemon_made_here(sock)))
            poke(&ss, len);
        nanosleep(&pause, NULL);
    }
    pthread_join(serving_thread, NULL);
    if (stopping)
        pthread_join(stopper, NULL);
    return serve_result;
}
