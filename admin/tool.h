/* tool.h - what the forcetls subcommands share: their entry points and
 * the loading of forcetls.conf with a message that names file and line. */
#ifndef FT_TOOL_H
#define FT_TOOL_H

#include "conf.h"

#define TOOL_NAME "forcetls"

/* Each subcommand gets argv with argv[0] its own name; it returns the
 * process exit status. */
int cmd_check(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_tlspolicy(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Load path or print "forcetls CMD: file:line: message" and return NULL. */
struct ft_conf *tool_conf_load(const char *cmd, const char *path);

/* Print "forcetls CMD: message" and a usage hint; returns EX_USAGE. */
int tool_usage(const char *cmd, const char *synopsis, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
