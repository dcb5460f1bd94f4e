/* tool.c - the pieces every subcommand needs: configuration loading and
 * usage errors, worded the same way everywhere. */
#include <stdarg.h>
#include <stdio.h>
#include <sysexits.h>
#include <time.h>

#include "tool.h"

struct ft_conf *tool_conf_load(const char *cmd, const char *path)
{
    struct ft_err err;
    struct ft_conf *conf;
    char text[1200];

    if ((conf = conf_load(path, &err)) == NULL)
        fprintf(stderr, TOOL_NAME " %s: %s\n", cmd,
                err_text(&err, text, sizeof(text)));
    return conf;
}

int tool_help(const char *cmd, const char *synopsis)
{
    printf("usage: " TOOL_NAME " %s %s\n\nSee forcetls(1).\n", cmd, synopsis);
    return TOOL_HELP_SHOWN;
}

int tool_usage(const char *cmd, const char *synopsis, const char *fmt, ...)
{
    va_list ap;

    if (fmt != NULL) {
        fprintf(stderr, TOOL_NAME " %s: ", cmd);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
    fprintf(stderr, "usage: " TOOL_NAME " %s %s\n", cmd, synopsis);
    return EX_USAGE;
}

int tool_allow_endpoint(const char *cmd, const char *synopsis,
                        const char *arg, struct tool_allowed *a)
{
    if (a->n == TOOL_MAX_ALLOWED)
        return tool_usage(cmd, synopsis, "--allow-endpoint: at most %d "
                          "networks", TOOL_MAX_ALLOWED);
    if (!cidr_parse(arg, &a->v[a->n]))
        return tool_usage(cmd, synopsis, "--allow-endpoint \"%s\": want a "
                          "network such as 10.0.0.0/8 or 127.0.0.1", arg);
    a->n++;
    return EX_OK;
}

long tool_clock_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}
