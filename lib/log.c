/* log.c - one logging front end: every line is formatted here and handed
 * to the sink the program chose, so the text is the same wherever it
 * goes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"
#include "strbuf.h"

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

static void emit_stderr(int prio, const char *label, const char *line)
{
    (void)prio;
    /* One write per line so concurrent threads do not interleave. */
    if (label != NULL)
        dprintf(STDERR_FILENO, "forcetls[%ld]: %s: %s\n", (long)getpid(),
                label, line);
    else
        dprintf(STDERR_FILENO, "forcetls[%ld]: %s\n", (long)getpid(), line);
}

static ft_log_sink_fn *log_sink = emit_stderr;

void log_set_sink(ft_log_sink_fn *emit)
{
    log_sink = emit != NULL ? emit : emit_stderr;
}

static void log_emit(int prio, const char *label, const char *fmt, va_list ap)
{
    char line[4096];

    /* Verdict lines come formatted already, log_info("%s", line): no
     * copy, unless it is longer than any other line may be. */
    if (strcmp(fmt, "%s") == 0) {
        const char *s = va_arg(ap, const char *);
        size_t n;

        if (s == NULL)
            s = "(null)";
        if ((n = strlen(s)) >= sizeof(line)) {
            strbuf_copy(line, sizeof(line), s, n);
            s = line;
        }
        log_sink(prio, label, s);
        return;
    }
    vsnprintf(line, sizeof(line), fmt, ap);
    log_sink(prio, label, line);
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

void log_crit(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_emit(LOG_CRIT, "fatal", fmt, ap);
    va_end(ap);
}
