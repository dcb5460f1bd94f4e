/* startup.h - what both daemons do around serving: the common command
 * line, the first configuration load (fail closed), becoming a daemon,
 * reloads that keep the old rules on error. */
#ifndef FT_STARTUP_H
#define FT_STARTUP_H

#include <signal.h>
#include <stdbool.h>

#include "conf.h"
#include "daemon.h"
#include "logsink.h"

struct ft_startup {
    const char *prog;
    const char *conf_path;      /* -c, absolute after startup_load() */
    const char *socket;         /* -p, when the daemon takes one */
    const char *user;           /* -u */
    const char *pidfile;        /* -P */
    bool stay_root;             /* -R: run as root on purpose */
    bool foreground;            /* -f */
    bool check_only;            /* -n */
    enum ft_log_sink sink;      /* -l */
    struct ft_made pid_made;    /* the pid file, once written */
};

/* Parse -c -u -P -f -l -n -V (and -p with with_socket); exits on -V and
 * on a bad command line (EX_USAGE). */
void startup_parse(struct ft_startup *s, const char *prog, bool with_socket,
                   int argc, char **argv);

/* The signals the daemons wait for: reload (SIGHUP, SIGUSR1) and stop
 * (SIGTERM, SIGINT). */
void startup_signal_set(sigset_t *set);

/* Block that set in this and every later thread, from the start: a reload
 * sent while a daemon starts must not kill it with the default action. */
void startup_block_signals(void);

/* Start logging and load the configuration. A file that cannot be loaded
 * exits EX_CONFIG naming file and line; with -n a good one exits 0. */
struct ft_conf *startup_load(struct ft_startup *s);

/* Load path again for a reload: the new configuration (logged), or NULL
 * with the error logged, so that the caller keeps its old rules. */
struct ft_conf *startup_reload(const char *path);

/* Detach (unless -f), drop to -u's user, then write the pid file (as
 * that user, so that root never writes where the user could have put a
 * link); exits on failure. */
void startup_daemonize(struct ft_startup *s);

/* Log at LOG_CRIT and exit with status (a sysexits code): start-up
 * cannot go on. */
void startup_fatal(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

#endif
