/* report.c - forcetls report: read mail logs, count the daemons' verdict
 * lines per inbound connector and Postfix's own deliveries per outbound
 * connector, judging monitor-mode ones against what Postfix logged. Lines
 * it does not know are skipped; a damaged file is read as far as it goes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "logline.h"
#include "logparse.h"
#include "logread.h"
#include "outbound.h"
#include "pflog.h"
#include "report.h"
#include "tlspolicy.h"
#include "tool.h"
#include "verdict.h"

#define SYNOPSIS "[-c FILE] [--since DATE] [--json] [LOGFILE...]"

static struct rstats *stats_for(struct report *r, const char *name)
{
    struct rstats *v;

    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].name, name) == 0)
            return &r->v[i];
    if ((v = realloc(r->v, (r->n + 1) * sizeof(*v))) == NULL)
        return NULL;
    r->v = v;
    v = &v[r->n];
    memset(v, 0, sizeof(*v));
    if ((v->name = strdup(name)) == NULL)
        return NULL;
    v->inbound = true;
    r->n++;
    return v;
}

/* Configured connectors come first, in file order, so that one that saw
 * nothing is listed too: an auditor asks about those as well. */
static int stats_init(struct report *r)
{
    for (size_t i = 0; i < r->conf->nconnectors; i++) {
        const struct ft_connector *c = &r->conf->connectors[i];
        struct rstats *s = stats_for(r, c->name);

        if (s == NULL)
            return -1;
        s->conn = c;
        s->inbound = c->direction == FT_DIR_INBOUND;
    }
    return 0;
}

static void seen_at(struct rstats *s, const struct log_line *ll)
{
    s->seen = true;
    if (!ll->has_time)
        return;
    if (!s->timed || ll->time < s->first)
        s->first = ll->time;
    if (!s->timed || ll->time > s->last)
        s->last = ll->time;
    s->timed = true;
}

static int verdict_index(const char *name)
{
    for (int v = FT_VERDICT_PASS; v <= FT_VERDICT_MONITOR; v++)
        if (strcmp(name, verdict_name((enum ft_verdict)v)) == 0)
            return v;
    return -1;
}

static void count_verdict(struct report *r, const struct log_line *ll)
{
    struct verdict_line vl;
    struct rstats *s;
    int v;

    if (!logparse_verdict(ll->text, &vl)
        || (v = verdict_index(vl.verdict)) < 0) {
        r->malformed++;
        return;
    }
    if ((s = stats_for(r, vl.connector)) == NULL) {
        r->oom = true;
        return;
    }
    r->verdict_lines++;
    seen_at(s, ll);
    /* Accepted mail is counted by message: with both daemons in the path
     * each logs the message under its queue id. A refusal is an attempt,
     * counted as such. */
    if (vl.queue_id[0] != '\0'
        && (v == FT_VERDICT_PASS || v == FT_VERDICT_MONITOR)
        && msgseen_check(r->msgs, ll->host, vl.queue_id, vl.connector,
                         vl.verdict)) {
        r->same_message++;
        return;
    }
    s->verdicts[v]++;
    if (tally_add(&s->versions, vl.tls) != 0
        || (strcmp(vl.tls, "none") != 0 && tally_add(&s->ciphers, vl.cipher))
        || (v != FT_VERDICT_PASS && tally_add(&s->reasons, vl.reason) != 0))
        r->oom = true;
}

static void judge_delivery(struct rstats *s, const struct pf_delivery *d,
                           bool *oom)
{
    struct ft_peer peer = { 0 };
    struct ft_result res;
    enum ft_judgement j;

    peer.encrypted = d->tls.encrypted;
    peer.trust = d->tls.trust;
    peer.cipher = d->tls.cipher;
    if (!tlsver_parse(d->tls.version, &peer.version))
        peer.version = FT_TLS_UNKNOWN;
    j = outbound_judge(s->conn, &peer, d->domain, &res);
    if (j == FT_JUDGE_FAIL) {
        s->would_fail++;
        *oom |= tally_add(&s->fail_reasons, res.reason) != 0;
    } else if (j == FT_JUDGE_UNKNOWN) {
        s->unjudged++;
        *oom |= tally_add(&s->unjudged_reasons, res.reason) != 0;
    }
}

static void count_delivery(struct report *r, const struct log_line *ll,
                           const struct pf_delivery *d)
{
    char tls[200];
    const struct ft_connector *c;
    struct rstats *s;

    if ((c = tlspolicy_owner(r->conf, d->domain, false)) == NULL)
        return;
    s = stats_for(r, c->name);
    r->deliveries++;
    seen_at(s, ll);
    s->deliveries++;
    if (strcmp(d->status, "sent") == 0)
        s->sent++;
    else if (strcmp(d->status, "deferred") == 0)
        s->deferred++;
    else if (strcmp(d->status, "bounced") == 0)
        s->bounced++;
    if (strcmp(d->status, "sent") != 0)
        r->oom |= tally_add(&s->postfix_reasons, d->text) != 0;
    if (d->tls.encrypted)
        snprintf(tls, sizeof(tls), "%s %s", d->tls.version,
                 outbound_trust_name(d->tls.trust));
    else
        snprintf(tls, sizeof(tls), "none");
    r->oom |= tally_add(&s->out_tls, tls) != 0;
    if (s->conn->mode == FT_MODE_MONITOR)
        judge_delivery(s, d, &r->oom);
}

/* Each daemon writes one such line per connection it did not judge. */
static void count_trusted(struct report *r, const char *prog)
{
    if (strcmp(prog, "forcetls-milter") == 0)
        r->trusted_milter++;
    else
        r->trusted_policyd++;
}

static void read_line(struct report *r, struct pflog *pl, const char *line,
                      time_t now)
{
    struct log_line ll;
    struct pf_delivery d;

    r->lines++;
    if (!logline_split(line, now, &ll))
        return;
    if (r->has_since && ll.has_time && ll.time < r->since) {
        r->before_since++;
        return;
    }
    if (strcmp(ll.prog, "forcetls-milter") == 0
        || strcmp(ll.prog, "forcetls-policyd") == 0) {
        /* "NOQUEUE: connector=" or "QUEUEID: connector=" */
        const char *colon = strchr(ll.text, ':');
        if (colon != NULL && strncmp(colon, ": connector=", 12) == 0
            && colon - ll.text < 32)
            count_verdict(r, &ll);
        else if (strncmp(ll.text, "trusted client ", 15) == 0)
            count_trusted(r, ll.prog);
    } else if (pflog_feed(pl, &ll, &d)) {
        count_delivery(r, &ll, &d);
    }
}

static void read_file(struct report *r, struct pflog *pl, const char *path,
                      time_t now)
{
    char err[256];
    struct logread *lr = logread_open(path, err, sizeof(err));
    const char *line;

    r->files++;
    if (lr == NULL) {
        fprintf(stderr, TOOL_NAME " report: %s: %s\n", path, err);
        r->unreadable_files++;
        return;
    }
    while ((line = logread_line(lr)) != NULL)
        read_line(r, pl, line, now);
    if (logread_error(lr) != NULL) {
        fprintf(stderr, TOOL_NAME " report: %s: %s; counted the lines "
                "before it\n", path, logread_error(lr));
        r->damaged_files++;
    }
    logread_close(lr);
}

struct report_opts {
    const char *conf_path;
    const char *since;
    bool json;
};

static int parse_args(int argc, char **argv, struct report_opts *o,
                      struct report *r)
{
    static const struct option long_opts[] = {
        { "since", required_argument, NULL, 's' },
        { "json", no_argument, NULL, 'j' },
        { NULL, 0, NULL, 0 },
    };
    int ch;

    o->conf_path = CONF_DEFAULT_PATH;
    while ((ch = getopt_long(argc, argv, "c:", long_opts, NULL)) != -1) {
        if (ch == 'c')
            o->conf_path = optarg;
        else if (ch == 's')
            o->since = optarg;
        else if (ch == 'j')
            o->json = true;
        else
            return tool_usage("report", SYNOPSIS, NULL);
    }
    if (o->since != NULL) {
        if (!logline_parse_date(o->since, &r->since))
            return tool_usage("report", SYNOPSIS, "--since \"%s\": want "
                              "YYYY-MM-DD or \"YYYY-MM-DD HH:MM[:SS]\"",
                              o->since);
        r->has_since = true;
    }
    return EX_OK;
}

static void report_free(struct report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct rstats *s = &r->v[i];
        free((char *)s->name);
        tally_free(&s->versions);
        tally_free(&s->ciphers);
        tally_free(&s->reasons);
        tally_free(&s->out_tls);
        tally_free(&s->fail_reasons);
        tally_free(&s->unjudged_reasons);
        tally_free(&s->postfix_reasons);
    }
    free(r->v);
    msgseen_free(r->msgs);
}

static void sort_all(struct report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        tally_sort(&r->v[i].versions);
        tally_sort(&r->v[i].ciphers);
        tally_sort(&r->v[i].reasons);
        tally_sort(&r->v[i].out_tls);
        tally_sort(&r->v[i].fail_reasons);
        tally_sort(&r->v[i].unjudged_reasons);
        tally_sort(&r->v[i].postfix_reasons);
    }
}

int cmd_report(int argc, char **argv)
{
    struct report_opts o = { 0 };
    struct report r = { 0 };
    struct ft_conf *conf = NULL;
    struct pflog *pl = NULL;
    time_t now = time(NULL);
    int rc;

    if ((rc = parse_args(argc, argv, &o, &r)) != EX_OK)
        return rc;
    if ((conf = tool_conf_load("report", o.conf_path)) == NULL)
        return EX_CONFIG;
    r.conf = conf;
    rc = EX_SOFTWARE;
    if (stats_init(&r) != 0 || (pl = pflog_new()) == NULL
        || (r.msgs = msgseen_new()) == NULL)
        goto out;
    if (optind == argc)
        read_file(&r, pl, "-", now);
    for (int i = optind; i < argc; i++)
        read_file(&r, pl, argv[i], now);
    if (r.oom)
        goto out;
    sort_all(&r);
    if (o.json)
        report_print_json(&r, stdout);
    else
        report_print_text(&r, stdout);
    rc = r.unreadable_files ? EX_NOINPUT : r.damaged_files ? EX_DATAERR
                                                           : EX_OK;
out:
    if (rc == EX_SOFTWARE)
        fprintf(stderr, TOOL_NAME " report: out of memory\n");
    pflog_free(pl);
    report_free(&r);
    conf_unref(conf);
    return rc;
}
