/* logstamp.c - time stamps formatted once a second and process tags once
 * a process: localtime_r(), strftime() and a printf per record were most
 * of the cost of logging a verdict. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "logstamp.h"
#include "strbuf.h"

const char *logstamp_now(struct ft_logstamp *s, size_t *len)
{
    time_t now = time(NULL);
    struct tm tm;

    if (now != s->second || s->len == 0) {
        localtime_r(&now, &tm);
        s->len = strftime(s->text, sizeof(s->text), s->fmt, &tm);
        s->second = now;
    }
    *len = s->len;
    return s->text;
}

/* This process's pid without a system call per record (glibc's getpid()
 * asks the kernel each time): read once, and again in a forked child. */
static pid_t self;
static pthread_once_t self_once = PTHREAD_ONCE_INIT;

static void self_read(void)
{
    self = getpid();
}

static void self_init(void)
{
    self_read();
    pthread_atfork(NULL, NULL, self_read);
}

const char *logtag_get(struct ft_logtag *t, const char *ident, size_t *len)
{
    pid_t pid;

    pthread_once(&self_once, self_init);
    pid = self;
    if (pid != t->pid) {
        int n = snprintf(t->text, sizeof(t->text), "%s[%ld]", ident,
                         (long)pid);

        t->len = n < 0 ? 0 : (size_t)n < sizeof(t->text)
                                 ? (size_t)n : sizeof(t->text) - 1;
        t->pid = pid;
    }
    *len = t->len;
    return t->text;
}

void logstamp_record(struct ft_strbuf *sb, struct ft_logstamp *s,
                     const char *host, struct ft_logtag *t,
                     const char *ident, const char *text)
{
    const char *part;
    size_t n;

    part = logstamp_now(s, &n);
    strbuf_putn(sb, part, n);
    strbuf_putn(sb, " ", 1);
    if (host != NULL) {
        strbuf_puts(sb, host);
        strbuf_putn(sb, " ", 1);
    }
    part = logtag_get(t, ident, &n);
    strbuf_putn(sb, part, n);
    strbuf_putn(sb, ": ", 2);
    strbuf_puts(sb, text);
}
