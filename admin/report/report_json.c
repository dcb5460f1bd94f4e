/* report_json.c - forcetls report's numbers for scripts: the text
 * report's figures, per connector, period, certificate and host. */
#include <stdio.h>

#include "json.h"
#include "report.h"
#include "verdict.h"

static void json_tally(FILE *fp, const char *key, const struct tally *t)
{
    fprintf(fp, ", \"%s\": {", key);
    for (size_t i = 0; i < t->n; i++) {
        fprintf(fp, "%s", i ? ", " : "");
        json_string(fp, t->v[i].value);
        fprintf(fp, ": %lu", t->v[i].count);
    }
    fputc('}', fp);
}

static void json_time(FILE *fp, const char *key, bool timed, time_t t)
{
    char buf[32];

    fprintf(fp, ", \"%s\": ", key);
    if (!timed) {
        fprintf(fp, "null");
        return;
    }
    report_time(t, buf, sizeof(buf));
    json_string(fp, buf);
}

static void json_periods(FILE *fp, const struct report *r,
                         const struct rstats *s)
{
    static const char *const in[] = { "pass", "reject", "defer", "monitor" };
    static const char *const out[] = { "sent", "deferred", "bounced",
                                       "other" };
    char label[32];

    fprintf(fp, ", \"by\": \"%s\", \"periods\": [", report_by_name(r));
    for (size_t i = 0; i < s->nperiods; i++) {
        period_label(r->pc.by, s->periods[i].key, label, sizeof(label));
        fprintf(fp, "%s{\"period\": \"%s\"", i ? ", " : "", label);
        for (int k = 0; k < 4; k++)
            fprintf(fp, ", \"%s\": %lu", (s->inbound ? in : out)[k],
                    s->periods[i].v[k]);
        fputc('}', fp);
    }
    fputc(']', fp);
}

static void json_certs(FILE *fp, const struct rstats *s)
{
    char line[2048];

    fprintf(fp, ", \"certificates\": [");
    for (size_t i = 0; i < s->certs.n; i++) {
        const struct cert_item *c = &s->certs.v[i];

        fprintf(fp, "%s{\"subject\": ", i ? ", " : "");
        json_string(fp, c->subject);
        fprintf(fp, ", \"issuer\": ");
        json_string(fp, c->issuer);
        fprintf(fp, ", \"fingerprint\": ");
        json_string(fp, c->fp);
        fprintf(fp, ", \"count\": %lu", c->count);
        json_time(fp, "first_seen", c->timed, c->first);
        json_time(fp, "last_seen", c->timed, c->last);
        fprintf(fp, ", \"first_host\": ");
        json_string(fp, c->first_host);
        fputc('}', fp);
    }
    fprintf(fp, "], \"certificate_changes\": [");
    for (size_t i = 0; i < s->certs.nchanges; i++) {
        report_change_text(s, &s->certs.changes[i], line, sizeof(line));
        fprintf(fp, "%s", i ? ", " : "");
        json_string(fp, line);
    }
    fputc(']', fp);
}

static void json_connector(FILE *fp, const struct report *r,
                           const struct rstats *s)
{
    fprintf(fp, "  {\"name\": ");
    json_string(fp, s->name);
    fprintf(fp, ", \"in_config\": %s, \"direction\": %s%s%s, \"mode\": %s%s%s",
            s->conn ? "true" : "false", s->conn ? "\"" : "",
            s->conn ? direction_name(s->conn->direction) : "null",
            s->conn ? "\"" : "", s->conn ? "\"" : "",
            s->conn ? mode_name(s->conn->mode) : "null", s->conn ? "\"" : "");
    json_time(fp, "first_seen", s->timed, s->first);
    json_time(fp, "last_seen", s->timed, s->last);
    if (s->inbound) {
        fprintf(fp, ", \"verdicts\": {\"pass\": %lu, \"reject\": %lu, "
                "\"defer\": %lu, \"monitor\": %lu}",
                s->verdicts[FT_VERDICT_PASS], s->verdicts[FT_VERDICT_REJECT],
                s->verdicts[FT_VERDICT_DEFER],
                s->verdicts[FT_VERDICT_MONITOR]);
        json_tally(fp, "tls_versions", &s->versions);
        json_tally(fp, "ciphers", &s->ciphers);
        json_tally(fp, "failure_reasons", &s->reasons);
        json_certs(fp, s);
    } else {
        fprintf(fp, ", \"deliveries\": {\"total\": %lu, \"sent\": %lu, "
                "\"deferred\": %lu, \"bounced\": %lu, \"would_fail\": %lu, "
                "\"unjudged\": %lu, \"tls_none\": %lu, \"tls_unknown\": %lu}",
                s->deliveries, s->sent, s->deferred, s->bounced,
                s->would_fail, s->unjudged, s->tls_none, s->tls_unknown);
        json_tally(fp, "tls", &s->out_tls);
        json_tally(fp, "would_fail_reasons", &s->fail_reasons);
        json_tally(fp, "unjudged_reasons", &s->unjudged_reasons);
        json_tally(fp, "postfix_reasons", &s->postfix_reasons);
    }
    json_periods(fp, r, s);
    fputc('}', fp);
}

static void json_hosts(FILE *fp, const struct report *r)
{
    fprintf(fp, " \"hosts\": [");
    for (size_t i = 0; i < r->nhosts; i++) {
        const struct rhost *h = &r->hosts[i];

        fprintf(fp, "%s{\"host\": ", i ? ", " : "");
        json_string(fp, h->name);
        fprintf(fp, ", \"lines\": %lu, \"verdict_lines\": %lu, "
                "\"deliveries\": %lu, \"tls_lines\": %lu", h->lines,
                h->verdict_lines, h->deliveries, h->tls_lines);
        json_time(fp, "first_seen", h->timed, h->first);
        json_time(fp, "last_seen", h->timed, h->last);
        fputc('}', fp);
    }
    fprintf(fp, "],\n");
}

void report_print_json(const struct report *r, FILE *fp)
{
    fprintf(fp, "{\"files\": %zu, \"unreadable_files\": %lu, "
            "\"damaged_files\": %lu, \"lines\": %lu, \"verdict_lines\": %lu, "
            "\"malformed_verdict_lines\": %lu, \"same_message_lines\": %lu, "
            "\"deliveries\": %lu,\n"
            " \"trusted_connections\": {\"milter\": %lu, \"policyd\": %lu},\n",
            r->nfiles, r->unreadable_files, r->damaged_files, r->lines,
            r->verdict_lines, r->malformed, r->same_message, r->deliveries,
            r->trusted_milter, r->trusted_policyd);
    json_hosts(fp, r);
    fprintf(fp, " \"connectors\": [");
    for (size_t i = 0; i < r->n; i++) {
        fprintf(fp, "%s\n", i ? "," : "");
        json_connector(fp, r, &r->v[i]);
    }
    fprintf(fp, "]}\n");
}
