/* logsink.c - the daemons' sinks for lib/log.c: syslog; Postfix's
 * postlogd, for sites whose Postfix writes maillog_file (the lines then
 * sit beside Postfix's own, and fall back to syslog when postlogd cannot
 * take them); or standard error in the same words, so a test reading
 * stderr sees what an admin greps. None may stop a decision: a log target
 * that is full or gone loses lines, never the answer to Postfix. */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"
#include "logsink.h"
#include "logstamp.h"
#include "postlog.h"
#include "strbuf.h"
#include "syslogc.h"

static int sink_facility = LOG_MAIL;
static char sink_ident[64] = "forcetls";
static enum ft_log_sink sink_kind = FT_LOG_STDERR;
static char postlog_path[256] = POSTLOG_DEFAULT_PATH;

bool logsink_parse(const char *name, enum ft_log_sink *sink)
{
    if (strcmp(name, "syslog") == 0)
        *sink = FT_LOG_SYSLOG;
    else if (strcmp(name, "stderr") == 0)
        *sink = FT_LOG_STDERR;
    else if (strcmp(name, "postlog") == 0)
        *sink = FT_LOG_POSTLOG;
    else if (strncmp(name, "postlog:/", 9) == 0
             && strlen(name + 8) < sizeof(postlog_path)) {
        snprintf(postlog_path, sizeof(postlog_path), "%s", name + 8);
        *sink = FT_LOG_POSTLOG;
    } else
        return false;
    return true;
}

static void emit_syslog(int prio, const char *label, const char *line)
{
    char text[4200];

    if (label != NULL) {
        snprintf(text, sizeof(text), "%s: %s", label, line);
        line = text;
    }
    syslogc_send(prio, line);
}

static void emit_postlog(int prio, const char *label, const char *line)
{
    char text[4096];

    if (label != NULL)
        snprintf(text, sizeof(text), "%s: %s", label, line);
    else
        snprintf(text, sizeof(text), "%s", line);
    if (!postlog_send(text))
        syslogc_send(prio, text);
}

static void emit_stderr(int prio, const char *label, const char *line)
{
    static pthread_mutex_t tag_lock = PTHREAD_MUTEX_INITIALIZER;
    static struct ft_logtag tag;
    char text[4352];
    struct ft_strbuf sb;
    const char *part;
    size_t n;

    (void)prio;
    strbuf_init(&sb, text, sizeof(text));
    pthread_mutex_lock(&tag_lock);
    part = logtag_get(&tag, sink_ident, &n);
    strbuf_putn(&sb, part, n);
    pthread_mutex_unlock(&tag_lock);
    strbuf_putn(&sb, ": ", 2);
    if (label != NULL) {
        strbuf_putn(&sb, label, strlen(label));
        strbuf_putn(&sb, ": ", 2);
    }
    strbuf_putn(&sb, line, strlen(line));
    /* The newline survives a cut; one write per line so that concurrent
     * threads do not interleave. */
    n = sb.pos < sizeof(text) - 1 ? sb.pos : sizeof(text) - 2;
    text[n++] = '\n';
    if (write(STDERR_FILENO, text, n) < 0)
        return;           /* a full or gone stderr loses the line only */
}

/* A pipe or socket whose reader stops reading would block every write to
 * standard error: writes to it are made non-blocking (a pipe through a
 * description of our own, so the parent's is left alone). Files and
 * terminals are left as they are. */
static void stderr_nonblocking(void)
{
    struct stat st;
    int fd;

    if (fstat(STDERR_FILENO, &st) != 0)
        return;
    if (S_ISFIFO(st.st_mode)) {
        if ((fd = open("/proc/self/fd/2", O_WRONLY | O_NONBLOCK)) < 0)
            return;
        dup2(fd, STDERR_FILENO);
        close(fd);
    } else if (S_ISSOCK(st.st_mode)) {
        fcntl(STDERR_FILENO, F_SETFL,
              fcntl(STDERR_FILENO, F_GETFL) | O_NONBLOCK);
    }
}

int logsink_open(const char *ident, enum ft_log_sink sink,
                 const char *facility)
{
    int fac = LOG_MAIL;

    if (facility != NULL && !log_facility_parse(facility, &fac))
        return -1;
    snprintf(sink_ident, sizeof(sink_ident), "%s", ident);
    sink_kind = sink;
    sink_facility = fac;
    if (sink != FT_LOG_STDERR)
        syslogc_open(sink_ident, fac);
    else
        stderr_nonblocking();
    /* Connected now, while still root: postlogd's directory is not open
     * to everyone. A failure here is retried at each line. */
    if (sink == FT_LOG_POSTLOG && postlog_open(postlog_path, sink_ident) != 0) {
        char note[512];

        snprintf(note, sizeof(note), "warning: cannot reach postlogd at %s "
                 "(%s); logging to syslog until it answers", postlog_path,
                 strerror(errno));
        syslogc_send(LOG_WARNING, note);
    }
    log_set_sink(sink == FT_LOG_SYSLOG ? emit_syslog
                 : sink == FT_LOG_POSTLOG ? emit_postlog : emit_stderr);
    return 0;
}

bool logsink_set_facility(const char *name)
{
    int facility;

    if (!log_facility_parse(name, &facility))
        return false;
    if (sink_kind != FT_LOG_STDERR && facility != sink_facility)
        syslogc_set_facility(facility);
    sink_facility = facility;
    return true;
}
