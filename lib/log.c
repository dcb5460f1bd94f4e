/* log.c - one logging front end; the same text goes to syslog or to
 * standard error, so a test reading stderr sees what an admin greps. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"

static enum ft_log_sink log_sink = FT_LOG_STDERR;
static int log_facility = LOG_MAIL;
static char log_ident[64] = "forcetls";

static const struct {
    const char *name;
    int value;
} facilities[] = {
    { "mail", LOG_MAIL },     { "daemon", LOG_DAEMON }, { "user", LOG_USER },
    { "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
    { "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
    { "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
    { "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

bool log_facility_parse(const char *name, int *facility)
{
    for (size_t i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++) {
        if (strcasecmp(name, facilities[i].name) == 0) {
            *facility = facilities[i].value;
            return true;
        }
    }
    return false;
}

bool log_sink_parse(const char *name, enum ft_log_sink *sink)
{
    if (strcmp(name, "syslog") == 0)
        *sink = FT_LOG_SYSLOG;
    else if (strcmp(name, "stderr") == 0)
        *sink = FT_LOG_STDERR;
    else
        return false;
    return true;
}

int log_init(const char *ident, enum ft_log_sink sink, const char *facility)
{
    int fac = LOG_MAIL;

    if (facility != NULL && !log_facility_parse(facility, &fac))
        return -1;
    snprintf(log_ident, sizeof(log_ident), "%s", ident);
    log_sink = sink;
    log_facility = fac;
    if (sink == FT_LOG_SYSLOG)
        openlog(log_ident, LOG_PID | LOG_NDELAY, fac);
    return 0;
}

bool log_set_facility(const char *name)
{
    int facility;

    if (!log_facility_parse(name, &facility))
        return false;
    /* Reopen only for a change: other threads may be logging right now. */
    if (log_sink == FT_LOG_SYSLOG && facility != log_facility)
        openlog(log_ident, LOG_PID | LOG_NDELAY, facility);
    log_facility = facility;
    return true;
}

static void log_emit(int prio, const char *label, const char *fmt, va_list ap)
{
    char line[4096];

    vsnprintf(line, sizeof(line), fmt, ap);
    if (log_sink == FT_LOG_SYSLOG) {
        if (label != NULL)
            syslog(prio, "%s: %s", label, line);
        else
            syslog(prio, "%s", line);
        return;
    }
    /* One write per line so concurrent threads do not interleave. */
    if (label != NULL)
        dprintf(STDERR_FILENO, "%s[%ld]: %s: %s\n", log_ident,
                (long)getpid(), label, line);
    else
        dprintf(STDERR_FILENO, "%s[%ld]: %s\n", log_ident, (long)getpid(),
                line);
}

void log_info(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_emit(LOG_INFO, NULL, fmt, ap);
    va_end(ap);
}

void log_warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_emit(LOG_WARNING, "warning", fmt, ap);
    va_end(ap);
}

void log_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_emit(LOG_ERR, "error", fmt, ap);
    va_end(ap);
}

void log_fatal(int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_emit(LOG_CRIT, "fatal", fmt, ap);
    va_end(ap);
    exit(status);
}
