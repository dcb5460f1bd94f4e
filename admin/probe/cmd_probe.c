/* probe.c - forcetls probe: resolve MX, connect, EHLO, STARTTLS, and show
 * what the server presents, verified against the CAs Postfix's SMTP client
 * uses; with --connector, the verdict that connector gives on what was
 * seen (outbound), or on how our inbound side would see a partner
 * presenting --client-cert (inbound); with --revocation, what every CRL
 * and OCSP endpoint of the chain says. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include <openssl/x509v3.h>

#include "probe.h"
#include "revoke.h"
#include "tool.h"

#define SYNOPSIS "[-c FILE] [--connector NAME] [--client-cert PEM " \
    "--client-key PEM] [--cafile FILE] [--timeout SECONDS] [--helo NAME] " \
    "[--revocation] HOST:PORT | [HOST]:PORT | [HOST] | DOMAIN\n" \
    "       forcetls probe --all [-c FILE] [--host DOMAIN=HOST:PORT]... " \
    "[--cafile FILE] [--timeout SECONDS]"

static int parse_args(int argc, char **argv, struct probe_opts *o)
{
    static const struct option long_opts[] = {
        { "connector", required_argument, NULL, 'n' },
        { "client-cert", required_argument, NULL, 'C' },
        { "client-key", required_argument, NULL, 'K' },
        { "cafile", required_argument, NULL, 'A' },
        { "timeout", required_argument, NULL, 't' },
        { "helo", required_argument, NULL, 'H' },
        { "revocation", no_argument, NULL, 'R' },
        { "all", no_argument, NULL, 'a' },
        { "host", required_argument, NULL, 'h' },
        TOOL_HELP_OPTION,
        { NULL, 0, NULL, 0 },
    };
    char *end;
    int ch;

    o->conf_path = CONF_DEFAULT_PATH;
    o->timeout = 30;
    while ((ch = getopt_long(argc, argv, "c:", long_opts, NULL)) != -1) {
        switch (ch) {
        case 'c': o->conf_path = optarg; break;
        case 'n': o->connector = optarg; break;
        case 'C': o->client_cert = optarg; break;
        case 'K': o->client_key = optarg; break;
        case 'A': o->cafile = optarg; break;
        case 'H': o->helo = optarg; break;
        case 'R': o->revocation = true; break;
        case 'a': o->all = true; break;
        case TOOL_OPT_HELP: return tool_help("probe", SYNOPSIS);
        case 'h':
            if (strchr(optarg, '=') == NULL || o->nhosts >= MX_MAX)
                return tool_usage("probe", SYNOPSIS, "--host \"%s\": want "
                                  "DOMAIN=HOST:PORT, at most %d", optarg,
                                  MX_MAX);
            o->hosts[o->nhosts++] = optarg;
            break;
        case 't':
            o->timeout = (int)strtol(optarg, &end, 10);
            if (*end != '\0' || o->timeout < 1 || o->timeout > 3600)
                return tool_usage("probe", SYNOPSIS, "--timeout \"%s\": want "
                                  "seconds from 1 to 3600", optarg);
            break;
        default:
            return tool_usage("probe", SYNOPSIS, NULL);
        }
    }
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

int probe_resolve(const char *arg, struct target *t, char *err,
                  size_t errlen)
{
    const char *colon;
    int found;

    memset(t, 0, sizeof(*t));
    snprintf(t->port, sizeof(t->port), "25");
    if (arg[0] == '[') {
        const char *close = strchr(arg, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':'))
            return snprintf(err, errlen, "\"%s\": want [HOST] or [HOST]:PORT",
                            arg), EX_USAGE;
        snprintf(t->name, sizeof(t->name), "%.*s", (int)(close - arg - 1),
                 arg + 1);
        if (close[1] == ':')
            snprintf(t->port, sizeof(t->port), "%s", close + 2);
    } else if ((colon = strrchr(arg, ':')) != NULL) {
        snprintf(t->name, sizeof(t->name), "%.*s", (int)(colon - arg), arg);
        snprintf(t->port, sizeof(t->port), "%s", colon + 1);
    } else {
        snprintf(t->name, sizeof(t->name), "%s", arg);
        if ((found = mx_lookup(arg, t->hosts, &t->nhosts, err, errlen)) < 0)
            return EX_NOHOST;
        if (found > 0)
            return 0;
    }
    snprintf(t->hosts[0], MX_NAME, "%s", t->name);
    t->nhosts = 1;
    return 0;
}

/* "250-STARTTLS" or "250 STARTTLS" among the EHLO reply's lines. */
static bool ehlo_has_starttls(const char *reply)
{
    const char *l = reply;

    for (;;) {
        size_t len = strcspn(l, "\n");

        if (len == 12 && strncasecmp(l + 4, "STARTTLS", 8) == 0)
            return true;
        if (l[len] == '\0')
            return false;
        l += len + 1;
    }
}

/* Banner, EHLO, STARTTLS and the handshake on one server. */
static int starttls(struct smtp_session *s, const struct probe_opts *o,
                    const char *host, const char *port, bool verbose,
                    struct probe_view *v, char *err, size_t errlen)
{
    char text[SMTP_TEXT], cmd[300], me[256];
    int code, rc;

    if ((rc = smtp_connect(s, host, port, o->timeout, err, errlen)) != 0)
        return rc;
    if (verbose)
        printf("server: %s\n", s->peer);
    if ((rc = smtp_reply(s, v->banner, sizeof(v->banner), &code, err,
                         errlen)) != 0)
        return rc;
    if (code != 220)
        return snprintf(err, errlen, "%s refuses the session: %.500s", s->peer,
                        v->banner), EX_PROTOCOL;
    if (o->helo == NULL && gethostname(me, sizeof(me)) != 0)
        snprintf(me, sizeof(me), "localhost");
    snprintf(cmd, sizeof(cmd), "EHLO %s", o->helo ? o->helo : me);
    if ((rc = smtp_command(s, cmd, text, sizeof(text), &code, err,
                           errlen)) != 0)
        return rc;
    if (code != 250)
        return snprintf(err, errlen, "%s refuses EHLO: %.500s", s->peer, text),
               EX_PROTOCOL;
    if (!ehlo_has_starttls(text))
        return snprintf(err, errlen, "%s does not offer STARTTLS; its EHLO "
                        "reply was:\n%.1000s", s->peer, text), EX_PROTOCOL;
    if ((rc = smtp_command(s, "STARTTLS", text, sizeof(text), &code, err,
                           errlen)) != 0)
        return rc;
    if (code != 220)
        return snprintf(err, errlen, "%s refuses STARTTLS: %.500s", s->peer,
                        text), EX_PROTOCOL;
    return smtp_tls(s, host, o->client_cert, o->client_key, err, errlen);
}

static const struct ft_connector *find_connector(const struct ft_conf *conf,
                                                 const char *name)
{
    for (size_t i = 0; i < conf->nconnectors; i++)
        if (strcmp(conf->connectors[i].name, name) == 0)
            return &conf->connectors[i];
    return NULL;
}

/* Try the servers in turn until one answers; the first error otherwise. */
int probe_connect(const struct probe_opts *o, const struct target *t,
                  const struct ft_connector *c, const struct probe_postfix *pf,
                  bool verbose, struct probe_seen *ps, char *err,
                  size_t errlen)
{
    char why[SMTP_TEXT + 256];
    int rc = EX_UNAVAILABLE, first_rc = 0;

    memset(ps, 0, sizeof(*ps));
    ps->s.fd = -1;
    for (size_t i = 0; i < t->nhosts; i++) {
        if ((rc = starttls(&ps->s, o, t->hosts[i], t->port, verbose, &ps->v,
                           why, sizeof(why))) == 0) {
            ps->v.host = t->hosts[i];
            break;
        }
        if (first_rc == 0)
            first_rc = rc, snprintf(err, errlen, "%s", why);
        smtp_close(&ps->s);
        /* Only an unreachable server makes the next MX worth a try. */
        if (rc != EX_UNAVAILABLE && rc != EX_TEMPFAIL)
            break;
    }
    if (rc != 0)
        return first_rc;
    ps->v.nexthop = t->name;
    ps->v.protocol = SSL_get_version(ps->s.ssl);
    ps->v.cipher = SSL_get_cipher_name(ps->s.ssl);
    ps->v.bits = SSL_get_cipher_bits(ps->s.ssl, NULL);
    ps->leaf = SSL_get1_peer_certificate(ps->s.ssl);
    ps->v.has_cert = ps->leaf != NULL;
    if (ps->leaf != NULL) {
        ps->verified = probe_verify_chain(ps->leaf,
                                          SSL_get_peer_cert_chain(ps->s.ssl),
                                          c, pf, &ps->v);
        ps->v.chain = ps->verified ? ps->verified
                                   : SSL_get_peer_cert_chain(ps->s.ssl);
        ps->v.host_ok = X509_check_host(ps->leaf, ps->v.host, 0, 0, NULL) == 1;
    }
    return 0;
}

void probe_seen_free(struct probe_seen *ps)
{
    sk_X509_pop_free(ps->verified, X509_free);
    X509_free(ps->leaf);
    smtp_close(&ps->s);
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
    enum rev_status rs;
    int rc;

    probe_postfix_load(o->cafile, &pf);
    if ((rc = probe_connect(o, t, c, &pf, true, &ps, err, sizeof(err))) != 0) {
        fprintf(stderr, TOOL_NAME " probe: %s\n", err);
        return rc;
    }
    probe_print_server(&ps.v);
    if (c != NULL && c->direction == FT_DIR_OUTBOUND)
        rc = probe_judge_outbound(c, &ps.v, ps.leaf, pf.multi_label);
    else if (c != NULL)
        rc = probe_judge_inbound(conf, c, o->client_cert, o->cafile, &ps.s,
                                 &ps.v);
    if (o->revocation && ps.leaf != NULL) {
        rs = revoke_check_chain(ps.v.chain, o->timeout, stdout);
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
        fprintf(stderr, TOOL_NAME " probe: %s\n", err);
    else
        rc = probe_target(&o, &t, conf, c);
    conf_unref(conf);
    return rc;
}
