/* reloader.h - configuration reloads off the event loop: a thread of its
 * own reads and compiles the file, and frees the configurations the loop
 * retires, so that a file of a million domains never holds up a request.
 * The loop watches one descriptor, readable when a reload has finished. */
#ifndef FT_RELOADER_H
#define FT_RELOADER_H

#include <pthread.h>
#include <stdbool.h>

#include "conf.h"

struct ft_reloader {
    const char *path;
    int req[2];                 /* loop -> thread: reload, retire */
    int done[2];                /* thread -> loop: reloads' results */
    pthread_t tid;
    bool running;
};

/* Start the thread that reloads path; -1 with errno on failure. */
int reloader_start(struct ft_reloader *r, const char *path);

/* The descriptor to watch for finished reloads (non-blocking). */
int reloader_fd(const struct ft_reloader *r);

/* Ask for a reload; requests made while one runs are served in turn.
 * -1 with errno when the request cannot be queued. */
int reloader_request(struct ft_reloader *r);

/* A finished reload: 1 with *conf the new configuration, or NULL when the
 * file could not be loaded (already logged: keep the old rules); 0 when
 * none has finished. */
int reloader_take(struct ft_reloader *r, struct ft_conf **conf);

/* Drop the loop's reference to a configuration it replaced, freeing it
 * in the thread when it was the last. */
void reloader_retire(struct ft_reloader *r, struct ft_conf *conf);

/* Finish the reload under way, stop the thread, free what it left. */
void reloader_stop(struct ft_reloader *r);

#endif
