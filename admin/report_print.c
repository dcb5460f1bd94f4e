/* report_print.c - forcetls report's output: a summary per connector for
 * people, the same numbers as JSON for scripts. */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "report.h"
#include "verdict.h"

#define TOP_REASONS 10

static void time_text(time_t t, char *buf, size_t len)
{
    struct tm tm;

    if (localtime_r(&t, &tm) == NULL
        || strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm) == 0)
        snprintf(buf, len, "(unknown)");
}

static void print_inline(FILE *fp, const char *label, const struct tally *t)
{
    if (t->n == 0)
        return;
    fprintf(fp, "  %s:", label);
    for (size_t i = 0; i < t->n; i++)
        fprintf(fp, "%s %s %lu", i ? "," : "", t->v[i].value, t->v[i].count);
    fputc('\n', fp);
}

static void print_list(FILE *fp, const char *label, unsigned long total,
                       const struct tally *t)
{
    if (total == 0)
        return;
    fprintf(fp, "  %s: %lu\n", label, total);
    for (size_t i = 0; i < t->n && i < TOP_REASONS; i++)
        fprintf(fp, "    %6lu  %s\n", t->v[i].count, t->v[i].value);
}

static void print_inbound(FILE *fp, const struct rstats *s)
{
    char a[32], b[32];

    fprintf(fp, "  verdicts: %lu pass, %lu reject, %lu defer, %lu monitor\n",
            s->verdicts[FT_VERDICT_PASS], s->verdicts[FT_VERDICT_REJECT],
            s->verdicts[FT_VERDICT_DEFER], s->verdicts[FT_VERDICT_MONITOR]);
    if (s->timed) {
        time_text(s->first, a, sizeof(a));
        time_text(s->last, b, sizeof(b));
        fprintf(fp, "  first seen %s, last seen %s\n", a, b);
    }
    print_inline(fp, "TLS versions", &s->versions);
    print_inline(fp, "ciphers", &s->ciphers);
    print_list(fp, "failures (would-fail in monitor mode)",
               s->verdicts[FT_VERDICT_REJECT] + s->verdicts[FT_VERDICT_DEFER]
                   + s->verdicts[FT_VERDICT_MONITOR], &s->reasons);
}

static void print_outbound(FILE *fp, const struct rstats *s)
{
    char a[32], b[32];

    fprintf(fp, "  deliveries: %lu (%lu sent, %lu deferred, %lu bounced)\n",
            s->deliveries, s->sent, s->deferred, s->bounced);
    if (s->timed) {
        time_text(s->first, a, sizeof(a));
        time_text(s->last, b, sizeof(b));
        fprintf(fp, "  first seen %s, last seen %s\n", a, b);
    }
    print_inline(fp, "TLS", &s->out_tls);
    print_list(fp, "would fail the connector", s->would_fail,
               &s->fail_reasons);
    print_list(fp, "could not be judged from the log", s->unjudged,
               &s->unjudged_reasons);
    print_list(fp, "not delivered (Postfix's reasons)",
               s->deferred + s->bounced, &s->postfix_reasons);
}

void report_print_text(const struct report *r, FILE *fp)
{
    fprintf(fp, "forcetls report: %lu file%s, %lu lines, %lu verdict lines, "
            "%lu outbound deliveries to partner domains\n", r->files,
            r->files == 1 ? "" : "s", r->lines, r->verdict_lines,
            r->deliveries);
    if (r->same_message > 0)
        fprintf(fp, "%lu verdict lines were a second daemon's for a message "
                "already counted\n", r->same_message);
    if (r->malformed > 0)
        fprintf(fp, "warning: %lu forcetls lines could not be read as "
                "verdicts\n", r->malformed);
    if (r->has_since)
        fprintf(fp, "%lu lines before --since skipped\n", r->before_since);
    if (r->trusted_milter + r->trusted_policyd > 0)
        fprintf(fp, "connections from trusted_clients, not judged: %lu "
                "(forcetls-milter), %lu (forcetls-policyd)\n",
                r->trusted_milter, r->trusted_policyd);
    for (size_t i = 0; i < r->n; i++) {
        const struct rstats *s = &r->v[i];

        fprintf(fp, "connector %s (%s%s%s)\n", s->name,
                s->conn ? direction_name(s->conn->direction) : "not in the "
                "configuration", s->conn ? ", " : "",
                s->conn ? mode_name(s->conn->mode) : "");
        if (!s->seen)
            fprintf(fp, "  nothing seen\n");
        else if (s->inbound)
            print_inbound(fp, s);
        else
            print_outbound(fp, s);
    }
}

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
    time_text(t, buf, sizeof(buf));
    json_string(fp, buf);
}

static void json_connector(FILE *fp, const struct rstats *s)
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
    } else {
        fprintf(fp, ", \"deliveries\": {\"total\": %lu, \"sent\": %lu, "
                "\"deferred\": %lu, \"bounced\": %lu, \"would_fail\": %lu, "
                "\"unjudged\": %lu}", s->deliveries, s->sent, s->deferred,
                s->bounced, s->would_fail, s->unjudged);
        json_tally(fp, "tls", &s->out_tls);
        json_tally(fp, "would_fail_reasons", &s->fail_reasons);
        json_tally(fp, "unjudged_reasons", &s->unjudged_reasons);
        json_tally(fp, "postfix_reasons", &s->postfix_reasons);
    }
    fputc('}', fp);
}

void report_print_json(const struct report *r, FILE *fp)
{
    fprintf(fp, "{\"files\": %lu, \"unreadable_files\": %lu, "
            "\"damaged_files\": %lu, \"lines\": %lu, \"verdict_lines\": %lu, "
            "\"malformed_verdict_lines\": %lu, \"same_message_lines\": %lu, "
            "\"deliveries\": %lu,\n"
            " \"trusted_connections\": {\"milter\": %lu, \"policyd\": %lu},\n"
            " \"connectors\": [", r->files,
            r->unreadable_files, r->damaged_files, r->lines, r->verdict_lines,
            r->malformed, r->same_message, r->deliveries, r->trusted_milter,
            r->trusted_policyd);
    for (size_t i = 0; i < r->n; i++) {
        fprintf(fp, "%s\n", i ? "," : "");
        json_connector(fp, &r->v[i]);
    }
    fprintf(fp, "]}\n");
}
