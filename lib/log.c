/* log.c - one logging front end: every line is formatted here and handed
 * to the sink the program chose, so the text is the same wherever it
 * goes; the program's name, tag and facility are kept here only, and
 * standard error is written here only. */
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
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

/* Set from the reload thread while others log: read and written
 * atomically. */
static int facility = LOG_MAIL;

/* "name[pid]", formatted once a process: a printf and a getpid() per line
 * were a good part of the cost of logging a verdict. The name is the
 * first name_len bytes and is kept nowhere else. Written only before a
 * second thread starts and in a forked child (one thread), so lines read
 * it without a lock. */
static struct {
    char text[96];
    size_t name_len;
    size_t len;
} tag = { .text = "forcetls", .name_len = 8 };
static pthread_once_t tag_once = PTHREAD_ONCE_INIT;

bool log_facility_parse(const char *name, int *value)
{
    for (size_t i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++) {
        if (strcasecmp(name, facilities[i].name) == 0) {
            *value = facilities[i].value;
            return true;
        }
    }
    return false;
}

bool log_set_facility(const char *name)
{
    int value;

    if (!log_facility_parse(name, &value))
        return false;
    __atomic_store_n(&facility, value, __ATOMIC_RELAXED);
    return true;
}

int log_facility(void)
{
    return __atomic_load_n(&facility, __ATOMIC_RELAXED);
}

/* The "[pid]" after the name, by hand: this runs in a forked child, where
 * only async-signal-safe calls are sure to work. */
static void tag_format(void)
{
    char digits[24];
    unsigned long pid = (unsigned long)getpid();
    size_t n = 0, len = tag.name_len;

    do
        digits[n++] = (char)('0' + pid % 10);
    while ((pid /= 10) > 0);
    tag.text[len++] = '[';
    while (n > 0)
        tag.text[len++] = digits[--n];
    tag.text[len++] = ']';
    tag.text[len] = '\0';
    tag.len = len;
}

static void tag_init(void)
{
    tag_format();
    pthread_atfork(NULL, NULL, tag_format);
}

void log_set_name(const char *name)
{
    size_t n = strlen(name);

    pthread_once(&tag_once, tag_init);
    tag.name_len = n < 63 ? n : 63;
    memcpy(tag.text, name, tag.name_len);
    tag_format();
}

void log_compose(struct ft_strbuf *sb, const char *label, const char *line)
{
    pthread_once(&tag_once, tag_init);
    strbuf_putn(sb, tag.text, tag.len);
    strbuf_putn(sb, ": ", 2);
    if (label != NULL) {
        strbuf_puts(sb, label);
        strbuf_putn(sb, ": ", 2);
    }
    strbuf_puts(sb, line);
}

/* A pipe or socket whose reader stops reading would block every write to
 * standard error: writes to it are made non-blocking (a pipe through a
 * description of our own, so the parent's is left alone). Files and
 * terminals are left as they are. */
void log_stderr_nonblocking(void)
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

static void emit_stderr(int prio, const char *label, const char *line)
{
    char text[4352];
    struct ft_strbuf sb;
    size_t n;

    (void)prio;
    strbuf_init(&sb, text, sizeof(text));
    log_compose(&sb, label, line);
    /* The newline survives a cut; one write per line so that concurrent
     * threads do not interleave. */
    n = sb.pos < sizeof(text) - 1 ? sb.pos : sizeof(text) - 2;
    text[n++] = '\n';
    if (write(STDERR_FILENO, text, n) < 0)
        return;           /* a full or gone stderr loses the line only */
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
