/* logsink.c - the daemons' sinks for lib/log.c: syslog(3); Postfix's
 * postlogd, for sites whose Postfix writes maillog_file (the lines then
 * sit beside Postfix's own, and fall back to syslog when postlogd cannot
 * take them); or standard error in the same words, so a test reading
 * stderr sees what an admin greps. */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"
#include "logsink.h"
#include "postlog.h"

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
    if (label != NULL)
        syslog(prio, "%s: %s", label, line);
    else
        syslog(prio, "%s", line);
}

static void emit_postlog(int prio, const char *label, const char *line)
{
    char text[4096];

    if (label != NULL)
        snprintf(text, sizeof(text), "%s: %s", label, line);
    else
        snprintf(text, sizeof(text), "%s", line);
    if (!postlog_send(text))
        syslog(prio, "%s", text);
}

static void emit_stderr(int prio, const char *label, const char *line)
{
    (void)prio;
    /* One write per line so concurrent threads do not interleave. */
    if (label != NULL)
        dprintf(STDERR_FILENO, "%s[%ld]: %s: %s\n", sink_ident,
                (long)getpid(), label, line);
    else
        dprintf(STDERR_FILENO, "%s[%ld]: %s\n", sink_ident, (long)getpid(),
                line);
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
        openlog(sink_ident, LOG_PID | LOG_NDELAY, fac);
    /* Connected now, while still root: postlogd's directory is not open
     * to everyone. A failure here is retried at each line. */
    if (sink == FT_LOG_POSTLOG && postlog_open(postlog_path, sink_ident) != 0)
        syslog(LOG_WARNING, "warning: cannot reach postlogd at %s (%m); "
               "logging to syslog until it answers", postlog_path);
    log_set_sink(sink == FT_LOG_SYSLOG ? emit_syslog
                 : sink == FT_LOG_POSTLOG ? emit_postlog : emit_stderr);
    return 0;
}

bool logsink_set_facility(const char *name)
{
    int facility;

    if (!log_facility_parse(name, &facility))
        return false;
    /* Reopen only for a change: other threads may be logging right now. */
    if (sink_kind != FT_LOG_STDERR && facility != sink_facility)
        openlog(sink_ident, LOG_PID | LOG_NDELAY, facility);
    sink_facility = facility;
    return true;
}
