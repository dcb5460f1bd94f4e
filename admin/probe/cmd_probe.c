/* cmd_probe.c - forcetls probe: one server reached (probe_connect.c) and
 * shown (probe_print.c), verified against the CAs Postfix's SMTP client
 * uses; with --connector, the verdict that connector gives on what was
 * seen (outbound), or on how our inbound side would see a partner
 * presenting --client-cert (inbound); with --revocation, what every CRL
 * and OCSP endpoint of the chain says; with --all, every outbound
 * partner (probe_all.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "probe.h"
#include "revoke.h"
#include "safetext.h"
#include "tool.h"

#define SYNOPSIS "[-c FILE] [--connector NAME] [--client-cert PEM " \
    "--client-key PEM] [--cafile FILE] [--timeout SECONDS] [--helo NAME] " \
    "[--revocation [--allow-endpoint NETWORK]...] " \
    "HOST:PORT | [HOST]:PORT | [HOST] | DOMAIN\n" \
    "       forcetls probe --all [-c FILE] [--host DOMAIN=HOST:PORT]... " \
    "[--cafile FILE] [--timeout SECONDS] [--deadline SECONDS] " \
    "[--allow-endpoint NETWORK]..."

/* "--timeout 30": whole seconds from 1 to max. */
static int seconds(const char *opt, const char *arg, int max, int *out)
{
    char *end;
    long v = strtol(arg, &end, 10);

    if (*end != '\0' || end == arg || v < 1 || v > max)
        return tool_usage("probe", SYNOPSIS, "%s \"%s\": want seconds from "
                          "1 to %d", opt, arg, max);
    *out = (int)v;
    return EX_OK;
}

/* One option with its argument (optarg). */
static int option(int ch, struct probe_opts *o)
{
    switch (ch) {
    case 'c': o->conf_path = optarg; break;
    case 'n': o->connector = optarg; break;
    case 'C': o->client_cert = optarg; break;
    case 'K': o->client_key = optarg; break;
    case 'A': o->cafile = optarg; break;
    case 'H': o->helo = optarg; break;
    case 'R': o->revocation = true; break;
    case 'a': o->all = true; break;
    case 't': return seconds("--timeout", optarg, 3600, &o->timeout);
    case 'd': return seconds("--deadline", optarg, 86400, &o->deadline);
    case 'E':
        return tool_allow_endpoint("probe", SYNOPSIS, optarg, &o->allowed);
    case 'h':
        if (strchr(optarg, '=') == NULL || o->nhosts >= MX_MAX)
            return tool_usage("probe", SYNOPSIS, "--host \"%s\": want "
                              "DOMAIN=HOST:PORT, at most %d", optarg,
                              MX_MAX);
        o->hosts[o->nhosts++] = optarg;
        break;
    case TOOL_OPT_HELP: return tool_help("probe", SYNOPSIS);
    default: return tool_usage("probe", SYNOPSIS, NULL);
    }
    return EX_OK;
}

/* What the options say together, and the one target. */
static int check_args(int argc, char **argv, struct probe_opts *o)
{
    if (o->all && (argc != optind || o->connector || o->client_cert))
        return tool_usage("probe", SYNOPSIS, "--all probes every outbound "
                          "connector: no HOST, --connector or --client-cert");
    if (!o->all && o->nhosts > 0)
        return tool_usage("probe", SYNOPSIS, "--host goes with --all");
    if (o->all)
        return EX_OK;
    if (argc - optind != 1)
        return tool_usage("probe", SYNOPSIS, "one HOST or DOMAIN to probe");
    if ((o->client_cert == NULL) != (o->client_key == NULL))
        return tool_usage("probe", SYNOPSIS, "--client-cert and "
                          "--client-key go together");
    o->target = argv[optind];
    return EX_OK;
}

static int parse_args(int argc, char **argv, struct probe_opts *o)
{
    static const struct option long_opts[] = {
        { "connector", required_argument, NULL, 'n' },
        { "client-cert", required_argument, NULL, 'C' },
        { "client-key", required_argument, NULL, 'K' },
        { "cafile", required_argument, NULL, 'A' },
        { "timeout", required_argument, NULL, 't' },
        { "deadline", required_argument, NULL, 'd' },
        { "allow-endpoint", required_argument, NULL, 'E' },
        { "helo", required_argument, NULL, 'H' },
        { "revocation", no_argument, NULL, 'R' },
        { "all", no_argument, NULL, 'a' },
        { "host", required_argument, NULL, 'h' },
        TOOL_HELP_OPTION,
        { NULL, 0, NULL, 0 },
    };
    int ch, rc;

    o->conf_path = CONF_DEFAULT_PATH;
    o->timeout = 30;
    o->deadline = 300;
    while ((ch = getopt_long(argc, argv, "c:", long_opts, NULL)) != -1)
        if ((rc = option(ch, o)) != EX_OK)
            return rc;
    return check_args(argc, argv, o);
}

static const struct ft_connector *find_connector(const struct ft_conf *conf,
                                                 const char *name)
{
    for (size_t i = 0; i < conf->nconnectors; i++)
        if (strcmp(conf->connectors[i].name, name) == 0)
            return &conf->connectors[i];
    return NULL;
}

/* An error, which may quote the server's replies: each of its lines
 * shown escaped. */
static void print_error(const char *err)
{
    char shown[4 * (SMTP_TEXT + 256)], line[SMTP_TEXT + 256];
    const char *p = err;
    size_t n;

    fprintf(stderr, TOOL_NAME " probe: ");
    for (;;) {
        n = strcspn(p, "\n");
        snprintf(line, sizeof(line), "%.*s", (int)n, p);
        fprintf(stderr, "%s\n", safetext(shown, sizeof(shown), line));
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
}

/* The whole story of one server: what it showed, the connector's
 * verdict, and with --revocation what the CA endpoints say. */
static int probe_target(const struct probe_opts *o, const struct target *t,
                        const struct ft_conf *conf,
                        const struct ft_connector *c)
{
    struct probe_postfix pf;
    struct probe_seen ps;
    char err[SMTP_TEXT + 256];
    struct rev_budget budget;
    enum rev_status rs;
    int rc;

    probe_postfix_load(o->cafile, &pf);
    if ((rc = probe_connect(o, t, c, &pf, true, &ps, err, sizeof(err))) != 0) {
        print_error(err);
        return rc;
    }
    probe_print_server(&ps.v);
    if (c != NULL && c->direction == FT_DIR_OUTBOUND)
        rc = probe_judge_outbound(c, &ps.v, ps.leaf, pf.multi_label);
    else if (c != NULL)
        rc = probe_judge_inbound(conf, c, o->client_cert, o->cafile, &ps.s,
                                 &ps.v);
    if (o->revocation && ps.leaf != NULL) {
        probe_revocation_budget(o, &budget);
        rs = revoke_check_chain(ps.v.chain, ps.v.chain_ok, &budget, stdout);
        printf("revocation: %s\n", rev_status_name(rs));
        if (rs != REV_GOOD)
            rc = 1;
    } else if (o->revocation) {
        printf("revocation: unknown (no server certificate)\n");
        rc = 1;
    }
    probe_seen_free(&ps);
    return rc;
}

int cmd_probe(int argc, char **argv)
{
    char *hosts[MX_MAX];
    struct probe_opts o = { .hosts = hosts };
    struct ft_conf *conf = NULL;
    const struct ft_connector *c = NULL;
    struct target t;
    char err[512];
    int rc;

    if ((rc = parse_args(argc, argv, &o)) != EX_OK)
        return rc;
    if (o.all)
        return probe_all(&o);
    if (o.connector != NULL) {
        if ((conf = tool_conf_load("probe", o.conf_path)) == NULL)
            return EX_CONFIG;
        if ((c = find_connector(conf, o.connector)) == NULL) {
            fprintf(stderr, TOOL_NAME " probe: %s has no connector \"%s\"\n",
                    conf->path, o.connector);
            conf_unref(conf);
            return EX_CONFIG;
        }
    }
    if ((rc = probe_resolve(o.target, &t, err, sizeof(err))) != 0)
        print_error(err);
    else
        rc = probe_target(&o, &t, conf, c);
    conf_unref(conf);
    return rc;
}
