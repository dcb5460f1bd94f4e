/* tool.c - the pieces every subcommand needs: configuration loading and
 * usage errors, worded the same way everywhere. */
#include <stdarg.h>
#include <stdio.h>
#include <sysexits.h>

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
