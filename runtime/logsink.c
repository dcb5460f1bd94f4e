/* logsink.c - the daemons' choice of sink for lib/log.c: syslog; Postfix's
 * postlogd, for sites whose Postfix writes maillog_file (the lines then
 * sit beside Postfix's own, and fall back to syslog when postlogd cannot
 * take them); or standard error in the same words, so a test reading
 * stderr sees what an admin greps. None may stop a decision: a log target
 * that is full or gone loses lines, never the answer to Postfix. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "log.h"
#include "logsink.h"
#include "postlog.h"
#include "syslogc.h"

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

static void emit_postlog(int prio, const char *label, const char *line)
{
    if (!postlog_send(label, line))
        syslogc_send(prio, label, line);
}

void logsink_open(const char *name, enum ft_log_sink sink)
{
    log_set_name(name);
    if (sink == FT_LOG_STDERR)
        log_stderr_nonblocking();
    /* Connected now, while still root: postlogd's directory is not open
     * to everyone. A failure here is retried at each line. */
    if (sink == FT_LOG_POSTLOG && postlog_open(postlog_path) != 0) {
        char note[512];

        snprintf(note, sizeof(note), "cannot reach postlogd at %s (%s); "
                 "logging to syslog until it answers", postlog_path,
                 strerror(errno));
        syslogc_send(LOG_WARNING, "warning", note);
    }
    log_set_sink(sink == FT_LOG_SYSLOG ? syslogc_send
                 : sink == FT_LOG_POSTLOG ? emit_postlog : NULL);
}
