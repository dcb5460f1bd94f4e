/* main.c - forcetls, the administrator's command: dispatch to one
 * subcommand per job (check, test, tlspolicy, probe, report). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "tool.h"
#include "version.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    { "check", cmd_check, "validate forcetls.conf and the Postfix setup" },
    { "test", cmd_test, "dry run: the verdict the daemons would give" },
    { "tlspolicy", cmd_tlspolicy, "smtp_tls_policy_maps lines for postmap" },
    { "probe", cmd_probe, "STARTTLS to a server; show what it presents" },
    { "report", cmd_report, "summarise verdicts and TLS from mail logs" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int usage(FILE *fp, int status)
{
    fprintf(fp, "usage: " TOOL_NAME " COMMAND [OPTIONS] [ARGS]\n"
            "       " TOOL_NAME " -V\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\nSee forcetls(1).\n");
    return status;
}

int main(int argc, char **argv)
{
    /* A server, an HTTP endpoint or a reader that closes early is an
     * answer to report, not a reason to die (OpenSSL writes with write()). */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2)
        return usage(stderr, EX_USAGE);
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        printf(TOOL_NAME " " FT_VERSION "\n");
        return EX_OK;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0
        || strcmp(argv[1], "help") == 0)
        return usage(stdout, EX_OK);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            int rc = commands[i].run(argc - 1, argv + 1);

            return rc == TOOL_HELP_SHOWN ? EX_OK : rc;
        }
    }
    fprintf(stderr, TOOL_NAME ": unknown command \"%s\"; it is one of check, "
            "test, tlspolicy, probe, report\n", argv[1]);
    return usage(stderr, EX_USAGE);
}
