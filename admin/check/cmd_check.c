/* cmd_check.c - forcetls check: load the configuration as the daemons do,
 * then list what will hurt in production; exit 0 clean, 1 warnings,
 * 2 errors. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "check.h"
#include "revoke.h"
#include "tool.h"

#define SYNOPSIS "[-c FILE] [--postconf-dir DIR | --no-postfix] " \
    "[--revocation [--allow-endpoint NETWORK]...] [--json]"

/* What --revocation may spend on the configuration's certificates: per
 * endpoint, in all, and how many endpoints. */
#define REVOCATION_ENDPOINT_S 10
#define REVOCATION_TOTAL_S 120
#define REVOCATION_ENDPOINTS 32

struct check_opts {
    const char *conf_path;
    const char *postconf_dir;
    bool no_postfix;
    bool json;
    bool revocation;
    struct tool_allowed allowed;
};

enum {
    OPT_POSTCONF_DIR = 256, OPT_NO_POSTFIX, OPT_JSON, OPT_REVOCATION,
    OPT_ALLOW_ENDPOINT,
};

static const struct option long_opts[] = {
    { "postconf-dir", required_argument, NULL, OPT_POSTCONF_DIR },
    { "no-postfix", no_argument, NULL, OPT_NO_POSTFIX },
    { "json", no_argument, NULL, OPT_JSON },
    { "revocation", no_argument, NULL, OPT_REVOCATION },
    { "allow-endpoint", required_argument, NULL, OPT_ALLOW_ENDPOINT },
    TOOL_HELP_OPTION,
    { NULL, 0, NULL, 0 },
};

static int parse_args(int argc, char **argv, struct check_opts *o)
{
    int ch, rc;

    o->conf_path = CONF_DEFAULT_PATH;
    while ((ch = getopt_long(argc, argv, "c:", long_opts, NULL)) != -1) {
        switch (ch) {
        case 'c': o->conf_path = optarg; break;
        case OPT_POSTCONF_DIR: o->postconf_dir = optarg; break;
        case OPT_NO_POSTFIX: o->no_postfix = true; break;
        case OPT_JSON: o->json = true; break;
        case OPT_REVOCATION: o->revocation = true; break;
        case OPT_ALLOW_ENDPOINT:
            if ((rc = tool_allow_endpoint("check", SYNOPSIS, optarg,
                                          &o->allowed)) != EX_OK)
                return rc;
            break;
        case TOOL_OPT_HELP: return tool_help("check", SYNOPSIS);
        default: return tool_usage("check", SYNOPSIS, NULL);
        }
    }
    if (optind != argc)
        return tool_usage("check", SYNOPSIS, "unexpected argument \"%s\"",
                          argv[optind]);
    if (o->no_postfix && o->postconf_dir != NULL)
        return tool_usage("check", SYNOPSIS, "--no-postfix and "
                          "--postconf-dir contradict each other");
    return EX_OK;
}

/* Postfix can only be judged by its own postconf; without it, say that
 * the integration was not checked rather than that it is fine. */
static void check_postfix_side(const struct ft_conf *conf,
                               const struct check_opts *o, struct findings *f)
{
    struct postconf pc;
    char err[512];

    if (postconf_load(o->postconf_dir, &pc, err, sizeof(err)) != 0) {
        findings_add(f, FINDING_WARNING, "postfix", "Postfix integration not "
                     "checked: %s", err);
        return;
    }
    check_postfix(conf, &pc, f);
    postconf_free(&pc);
}

int cmd_check(int argc, char **argv)
{
    struct check_opts o = { 0 };
    struct findings f = { 0 };
    struct rev_budget budget;
    struct ft_conf *conf;
    struct ft_err err;
    char text[1200];
    int rc;

    if ((rc = parse_args(argc, argv, &o)) != EX_OK)
        return rc;
    if ((conf = conf_load(o.conf_path, &err)) == NULL)
        findings_add(&f, FINDING_ERROR, "config", "%s",
                     err_text(&err, text, sizeof(text)));
    else {
        check_conf(conf, time(NULL), &f);
        if (o.revocation) {
            rev_budget_init(&budget, REVOCATION_ENDPOINTS,
                            REVOCATION_ENDPOINT_S, REVOCATION_TOTAL_S,
                            o.allowed.v, o.allowed.n);
            check_revocation(conf, &budget, &f);
        }
        if (!o.no_postfix)
            check_postfix_side(conf, &o, &f);
    }
    if (o.json)
        findings_print_json(&f, o.conf_path, o.postconf_dir, stdout);
    else
        findings_print_text(&f, stdout);
    rc = findings_status(&f);
    findings_free(&f);
    conf_unref(conf);
    return rc;
}
