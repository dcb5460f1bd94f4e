/* test_log.c - the logging front end and the daemons' records: standard
 * error as "name[pid]: [label: ]text", one tag a process (a forked
 * child's names the child), a stuck stderr never waited for, the
 * facilities, -l, syslog's record, and postlogd's "Mmm dd hh:mm:ss host
 * name[pid]: text" as it reaches a socket. */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"
#include "logsink.h"
#include "logstamp.h"
#include "postlog.h"
#include "strbuf.h"
#include "tap.h"

#define NAME "forcetls-test"

typedef void say_fn(const char *fmt, ...);

/* Standard error goes into a pipe between stderr_catch() and
 * stderr_read(). */
static int caught[2], saved_stderr = -1;

static void stderr_catch(void)
{
    if (pipe(caught) != 0 || (saved_stderr = dup(STDERR_FILENO)) < 0
        || dup2(caught[1], STDERR_FILENO) < 0) {
        printf("Bail out! cannot redirect standard error: %s\n",
               strerror(errno));
        exit(1);
    }
    close(caught[1]);
}

/* What was written since stderr_catch(), as a string. */
static void stderr_read(char *out, size_t size)
{
    size_t len = 0;
    ssize_t n;

    dup2(saved_stderr, STDERR_FILENO);
    close(saved_stderr);
    while (len + 1 < size
           && (n = read(caught[0], out + len, size - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = '\0';
    close(caught[0]);
}

struct stderr_case {
    const char *name;
    say_fn *say;
    const char *fmt;
    const char *arg;
    const char *want;           /* after "NAME[PID]: " */
};

static const struct stderr_case stderr_cases[] = {
    { "information has no label", log_info, "%s", "started", "started\n" },
    { "a warning says so", log_warn, "%s", "slow reload",
      "warning: slow reload\n" },
    { "an error says so", log_error, "reload failed: %s", "conf:3: bad",
      "error: reload failed: conf:3: bad\n" },
    { "a fatal line says so", log_crit, "cannot listen on %s",
      "unix:/x.sock", "fatal: cannot listen on unix:/x.sock\n" },
    { "a formatted line is the format's", log_info, "[%s] 100%%", "x",
      "[x] 100%\n" },
};

static const struct stderr_case unnamed = {
    "before a name the program is forcetls", log_info, "%s", "started",
    "started\n"
};

static void stderr_run(const struct stderr_case *tc, const char *tag)
{
    char got[512], want[512];

    stderr_catch();
    tc->say(tc->fmt, tc->arg);
    stderr_read(got, sizeof(got));
    snprintf(want, sizeof(want), "%s: %s", tag, tc->want);
    TAP_STR(got, want, tc->name);
}

static void tag_of(char *out, size_t size, const char *name, pid_t pid)
{
    snprintf(out, size, "%s[%ld]", name, (long)pid);
}

/* A line of 5,000 bytes is cut where every line is, and keeps its
 * newline. */
static void long_line(const char *tag)
{
    static char line[5000], got[8192], want[8192];

    memset(line, 'x', sizeof(line) - 1);
    stderr_catch();
    log_info("%s", line);
    stderr_read(got, sizeof(got));
    snprintf(want, sizeof(want), "%s: %.4095s\n", tag, line);
    TAP_OK(strcmp(got, want) == 0, "a long line is cut, its newline kept",
           "got %zu bytes, want %zu", strlen(got), strlen(want));
}

/* A forked child's lines carry its own pid; the parent's keep its. */
static void after_fork(void)
{
    char got[512], want[512], tag[96];
    pid_t child;
    int status;

    stderr_catch();
    if ((child = fork()) == 0) {
        log_info("from the child");
        _exit(0);
    }
    waitpid(child, &status, 0);
    log_info("from the parent");
    stderr_read(got, sizeof(got));
    tag_of(tag, sizeof(tag), NAME, child);
    snprintf(want, sizeof(want), "%s: from the child\n", tag);
    tag_of(tag, sizeof(tag), NAME, getpid());
    snprintf(want + strlen(want), sizeof(want) - strlen(want),
             "%s: from the parent\n", tag);
    TAP_STR(got, want, "after a fork each process names itself");
}

/* Standard error a pipe nobody reads: 256 kB of lines (four times a
 * pipe's buffer) return, lost, instead of blocking. */
static void stuck_stderr(void)
{
    char line[256];
    int n;

    memset(line, 'y', sizeof(line) - 1);
    line[sizeof(line) - 1] = '\0';
    stderr_catch();
    log_stderr_nonblocking();
    alarm(20);          /* a blocked write ends the test, not a hang */
    for (n = 0; n < 1024; n++)
        log_info("%s", line);
    alarm(0);
    stderr_read(line, 1);
    TAP_OK(n == 1024, "a stuck standard error loses lines, never waits",
           "wrote %d of 1024 lines", n);
}

struct parse_case {
    const char *name;
    const char *arg;            /* of -l */
    bool taken;
    enum ft_log_sink want;
};

static const struct parse_case parse_cases[] = {
    { "-l syslog", "syslog", true, FT_LOG_SYSLOG },
    { "-l stderr", "stderr", true, FT_LOG_STDERR },
    { "-l postlog", "postlog", true, FT_LOG_POSTLOG },
    { "-l postlog:/path", "postlog:/var/spool/postfix/public/postlog", true,
      FT_LOG_POSTLOG },
    { "-l postlog: with a relative path is refused", "postlog:public/postlog",
      false, FT_LOG_STDERR },
    { "-l journal is refused", "journal", false, FT_LOG_STDERR },
};

static void parse_run(const struct parse_case *tc)
{
    enum ft_log_sink got = FT_LOG_STDERR;
    bool taken = logsink_parse(tc->arg, &got);

    TAP_OK(taken == tc->taken && got == tc->want, tc->name,
           "got %s and sink %d, want %s and %d", taken ? "true" : "false",
           (int)got, tc->taken ? "true" : "false", (int)tc->want);
}

struct facility_case {
    const char *name;
    const char *facility;
    bool taken;
    int want;                   /* log_facility() afterwards */
};

static const struct facility_case facility_cases[] = {
    { "local3 is a facility", "local3", true, LOG_LOCAL3 },
    { "facility names ignore case", "DAEMON", true, LOG_DAEMON },
    { "no facility: nothing changes", "mial", false, LOG_DAEMON },
    { "mail again", "mail", true, LOG_MAIL },
};

static void facility_run(const struct facility_case *tc)
{
    bool taken = log_set_facility(tc->facility);

    TAP_OK(taken == tc->taken && log_facility() == tc->want, tc->name,
           "got %s and %d, want %s and %d", taken ? "true" : "false",
           log_facility(), tc->taken ? "true" : "false", tc->want);
}

/* The tag as an extended regular expression. */
static void tag_re(char *out, size_t size)
{
    snprintf(out, size, "%s\\[%ld\\]", NAME, (long)getpid());
}

/* got matches the extended regular expression re. */
static bool matches(const char *got, const char *re)
{
    regex_t rx;
    bool m;

    if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
        return false;
    m = regexec(&rx, got, 0, NULL, 0) == 0;
    regfree(&rx);
    return m;
}

/* The first label of this host's name, as Postfix writes it. */
static void host_label(char *out, size_t size)
{
    if (gethostname(out, size) != 0)
        snprintf(out, size, "localhost");
    out[size - 1] = '\0';
    out[strcspn(out, ".")] = '\0';
}

/* What syslog takes after "<PRI>": glibc's stamp, no host. */
static void syslog_record(void)
{
    struct ft_logstamp stamp = { .fmt = "%b %e %T" };
    char got[256], want[256], tag[96];
    struct ft_strbuf sb;

    tag_re(tag, sizeof(tag));
    strbuf_init(&sb, got, sizeof(got));
    logstamp_record(&sb, &stamp, NULL, "error", "reload failed");
    snprintf(want, sizeof(want), "^[A-Z][a-z]{2} [ 1-3][0-9] "
             "[0-2][0-9]:[0-5][0-9]:[0-6][0-9] %s: error: reload failed$",
             tag);
    TAP_OK(matches(got, want), "a syslog record: Mmm dd hh:mm:ss tag: text",
           "got \"%s\", want /%s/", got, want);
}

struct postlog_case {
    const char *name;
    const char *label;
    const char *line;
    const char *want;           /* after "HOST NAME[PID]: " */
};

static const struct postlog_case postlog_cases[] = {
    { "postlog: a line as it is", NULL, "started", "started" },
    { "postlog: a warning says so", "warning", "slow", "warning: slow" },
};

/* Each case sent to a socket of our own where postlogd would listen. */
static void postlog_run(const char *dir)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    char got[512], want[512], host[64], tag[96];
    const struct postlog_case *tc;
    ssize_t n;
    bool sent;
    int fd;

    snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/postlog", dir);
    if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0)) < 0
        || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
        TAP_OK(0, "postlog: a socket to listen on", "%s", strerror(errno));
        return;
    }
    TAP_INT(postlog_open(sun.sun_path), 0, "postlog: the socket is reached");
    host_label(host, sizeof(host));
    tag_re(tag, sizeof(tag));
    for (size_t i = 0; i < sizeof(postlog_cases) / sizeof(*tc); i++) {
        tc = &postlog_cases[i];
        sent = postlog_send(tc->label, tc->line);
        n = recv(fd, got, sizeof(got) - 1, 0);
        got[n > 0 ? n : 0] = '\0';
        snprintf(want, sizeof(want), "^[A-Z][a-z]{2} [0-3][0-9] "
                 "[0-2][0-9]:[0-5][0-9]:[0-6][0-9] %s %s: %s$", host, tag,
                 tc->want);
        TAP_OK(sent && matches(got, want), tc->name,
               "sent %s, got \"%s\", want /%s/", sent ? "yes" : "no", got,
               want);
    }
    close(fd);
    unlink(sun.sun_path);
    TAP_OK(!postlog_send(NULL, "gone"), "postlog: a gone postlogd is said",
           "postlog_send() said it was sent");
}

int main(void)
{
    char dir[] = "/tmp/test_log.XXXXXX", tag[96];

    signal(SIGPIPE, SIG_IGN);
    tag_of(tag, sizeof(tag), "forcetls", getpid());
    stderr_run(&unnamed, tag);
    log_set_name(NAME);
    tag_of(tag, sizeof(tag), NAME, getpid());
    for (size_t i = 0; i < sizeof(stderr_cases) / sizeof(*stderr_cases); i++)
        stderr_run(&stderr_cases[i], tag);
    long_line(tag);
    after_fork();
    TAP_INT(log_facility(), LOG_MAIL, "the facility is mail unless set");
    for (size_t i = 0; i < sizeof(facility_cases) / sizeof(*facility_cases);
         i++)
        facility_run(&facility_cases[i]);
    for (size_t i = 0; i < sizeof(parse_cases) / sizeof(*parse_cases); i++)
        parse_run(&parse_cases[i]);
    syslog_record();
    if (mkdtemp(dir) == NULL) {
        printf("Bail out! mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    postlog_run(dir);
    rmdir(dir);
    stuck_stderr();
    return tap_done();
}
