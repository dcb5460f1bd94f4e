/* tool.h - what the forcetls subcommands share: their entry points and
 * the loading of forcetls.conf with a message that names file and line. */
#ifndef FT_TOOL_H
#define FT_TOOL_H

#include "conf.h"
#include "ipaddr.h"

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

/* --help in every subcommand's options: tool_help() prints the usage on
 * standard output and returns TOOL_HELP_SHOWN, which the subcommand
 * returns as it is and main turns into exit status 0. */
#define TOOL_OPT_HELP 0x1000
#define TOOL_HELP_OPTION { "help", no_argument, NULL, TOOL_OPT_HELP }
#define TOOL_HELP_SHOWN (-1)
int tool_help(const char *cmd, const char *synopsis);

/* Print "forcetls CMD: message" and a usage hint; returns EX_USAGE. */
int tool_usage(const char *cmd, const char *synopsis, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* --allow-endpoint NETWORK: the private networks a certificate's CRL,
 * OCSP or issuer URL may still reach. */
#define TOOL_MAX_ALLOWED 16
struct tool_allowed {
    struct ft_cidr v[TOOL_MAX_ALLOWED];
    size_t n;
};

/* Add a --allow-endpoint value; EX_OK, or EX_USAGE said. */
int tool_allow_endpoint(const char *cmd, const char *synopsis,
                        const char *arg, struct tool_allowed *a);

/* Milliseconds of a clock that only goes forward, for deadlines. */
long tool_clock_ms(void);

#endif
