/* report_print.c - forcetls report's output for people: a summary per
 * connector, its periods, certificates and hosts (report_json.c gives
 * scripts the same numbers). */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "verdict.h"

#define TOP_REASONS 10

void report_time(time_t t, char *buf, size_t len)
{
    struct tm tm;

    if (localtime_r(&t, &tm) == NULL
        || strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm) == 0)
        snprintf(buf, len, "(unknown)");
}

/* 12408 -> "12,408" */
static const char *grouped(unsigned long n, char *buf, size_t len)
{
    char digits[32];
    size_t nd = (size_t)snprintf(digits, sizeof(digits), "%lu", n), o = 0;

    for (size_t i = 0; i < nd && o + 2 < len; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

const char *report_by_name(const struct report *r)
{
    return r->pc.by == PERIOD_DAY ? "day" : r->pc.by == PERIOD_WEEK ? "week"
                                                                  : "month";
}

static unsigned long inbound_total(const struct rstats *s)
{
    return s->verdicts[0] + s->verdicts[1] + s->verdicts[2] + s->verdicts[3];
}

void report_compliance(const struct rstats *s, char *buf, size_t len)
{
    char a[32], b[32], c[32], d[32];

    if (!s->seen) {
        snprintf(buf, len, "%s: nothing seen", s->name);
    } else if (s->inbound) {
        unsigned long total = inbound_total(s);

        snprintf(buf, len, "%s: %s message%s, %.1f%% met every "
                 "requirement; %s refused, %s accepted in monitor mode that "
                 "would have failed", s->name, grouped(total, a, sizeof(a)),
                 total == 1 ? "" : "s",
                 100.0 * (double)s->verdicts[FT_VERDICT_PASS] / (double)total,
                 grouped(s->verdicts[FT_VERDICT_REJECT]
                         + s->verdicts[FT_VERDICT_DEFER], b, sizeof(b)),
                 grouped(s->verdicts[FT_VERDICT_MONITOR], c, sizeof(c)));
    } else {
        snprintf(buf, len, "%s: %s deliver%s, %s sent, required TLS level "
                 "%s; %s would fail, %s with TLS unknown", s->name,
                 grouped(s->deliveries, a, sizeof(a)),
                 s->deliveries == 1 ? "y" : "ies",
                 grouped(s->sent, b, sizeof(b)),
                 s->conn ? level_name(s->conn->level) : "?",
                 grouped(s->would_fail, c, sizeof(c)),
                 grouped(s->tls_unknown, d, sizeof(d)));
    }
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
    char a[32], b[32];

    if (total == 0)
        return;
    fprintf(fp, "  %s: %lu\n", label, total);
    for (size_t i = 0; i < t->n && i < TOP_REASONS; i++) {
        fprintf(fp, "    %6lu  %s", t->v[i].count, t->v[i].value);
        if (t->v[i].timed) {
            report_time(t->v[i].first, a, sizeof(a));
            report_time(t->v[i].last, b, sizeof(b));
            fprintf(fp, " (first %s, last %s)", a, b);
        }
        fputc('\n', fp);
    }
}

static void print_seen(FILE *fp, const struct rstats *s)
{
    char a[32], b[32];

    if (!s->timed)
        return;
    report_time(s->first, a, sizeof(a));
    report_time(s->last, b, sizeof(b));
    fprintf(fp, "  first seen %s, last seen %s\n", a, b);
}

static void print_periods(FILE *fp, const struct report *r,
                          const struct rstats *s)
{
    static const char *const in[] = { "pass", "reject", "defer", "monitor" };
    static const char *const out[] = { "sent", "deferred", "bounced",
                                       "other" };
    char label[32];

    if (!r->has_by || s->nperiods == 0)
        return;
    fprintf(fp, "  by %s:\n", report_by_name(r));
    for (size_t i = 0; i < s->nperiods; i++) {
        period_label(r->pc.by, s->periods[i].key, label, sizeof(label));
        fprintf(fp, "    %-10s", label);
        for (int k = 0; k < 4; k++)
            fprintf(fp, " %lu %s%s", s->periods[i].v[k],
                    (s->inbound ? in : out)[k], k < 3 ? "," : "\n");
    }
}

static const char *or_none(const char *s)
{
    return s[0] != '\0' ? s : "(none)";
}

/* "certificate of contoso-in changed on DATE: issuer X -> Y, fingerprint
 * A -> B" */
void report_change_text(const struct rstats *s, const struct cert_change *c,
                        char *buf, size_t len)
{
    const struct cert_item *a = &s->certs.v[c->from], *b = &s->certs.v[c->to];
    char when[32];

    if (c->timed)
        report_time(c->when, when, sizeof(when));
    else
        snprintf(when, sizeof(when), "(unknown date)");
    snprintf(buf, len, "certificate of %s changed on %s%s%s%s: subject %s -> "
             "%s, issuer %s -> %s, fingerprint %s -> %s", s->name, when,
             c->host[0] ? " (host " : "", c->host, c->host[0] ? ")" : "",
             or_none(a->subject), or_none(b->subject), or_none(a->issuer),
             or_none(b->issuer), a->fp[0] ? a->fp : "(unknown)",
             b->fp[0] ? b->fp : "(unknown)");
}

static void print_certs(FILE *fp, const struct rstats *s)
{
    char a[32], b[32], line[2048];

    if (s->certs.n == 0)
        return;
    fprintf(fp, "  certificates: %zu\n", s->certs.n);
    for (size_t i = 0; i < s->certs.n; i++) {
        const struct cert_item *c = &s->certs.v[i];

        fprintf(fp, "    subject %s, issuer %s, fingerprint %s: %lu", 
                or_none(c->subject), or_none(c->issuer),
                c->fp[0] ? c->fp : "(unknown)", c->count);
        if (c->timed) {
            report_time(c->first, a, sizeof(a));
            report_time(c->last, b, sizeof(b));
            fprintf(fp, ", first %s, last %s", a, b);
        }
        fprintf(fp, "%s%s\n", c->first_host[0] ? ", first on " : "",
                c->first_host);
    }
    for (size_t i = 0; i < s->certs.nchanges; i++) {
        report_change_text(s, &s->certs.changes[i], line, sizeof(line));
        fprintf(fp, "  %s\n", line);
    }
}

static void print_inbound(FILE *fp, const struct report *r,
                          const struct rstats *s)
{
    char line[1024];

    report_compliance(s, line, sizeof(line));
    fprintf(fp, "  %s\n", line);
    fprintf(fp, "  verdicts: %lu pass, %lu reject, %lu defer, %lu monitor\n",
            s->verdicts[FT_VERDICT_PASS], s->verdicts[FT_VERDICT_REJECT],
            s->verdicts[FT_VERDICT_DEFER], s->verdicts[FT_VERDICT_MONITOR]);
    print_seen(fp, s);
    print_periods(fp, r, s);
    print_inline(fp, "TLS versions", &s->versions);
    print_inline(fp, "ciphers", &s->ciphers);
    print_list(fp, "failures (would-fail in monitor mode)",
               s->verdicts[FT_VERDICT_REJECT] + s->verdicts[FT_VERDICT_DEFER]
                   + s->verdicts[FT_VERDICT_MONITOR], &s->reasons);
    print_certs(fp, s);
}

static void print_outbound(FILE *fp, const struct report *r,
                           const struct rstats *s)
{
    char line[1024];

    report_compliance(s, line, sizeof(line));
    fprintf(fp, "  %s\n", line);
    fprintf(fp, "  deliveries: %lu (%lu sent, %lu deferred, %lu bounced)\n",
            s->deliveries, s->sent, s->deferred, s->bounced);
    print_seen(fp, s);
    print_periods(fp, r, s);
    print_inline(fp, "TLS", &s->out_tls);
    if (s->tls_unknown > 0)
        fprintf(fp, "  TLS unknown: %lu from hosts whose log has "
                "no \"TLS connection established\" line at all (Postfix "
                "writes none with smtp_tls_loglevel = 0, its default): not "
                "evidence of plaintext\n", s->tls_unknown);
    print_list(fp, "would fail the connector", s->would_fail,
               &s->fail_reasons);
    print_list(fp, "could not be judged from the log", s->unjudged,
               &s->unjudged_reasons);
    print_list(fp, "not delivered (Postfix's reasons)",
               s->deferred + s->bounced, &s->postfix_reasons);
}

static void print_hosts(FILE *fp, const struct report *r)
{
    if (r->nhosts < 2)
        return;
    fprintf(fp, "hosts:");
    for (size_t i = 0; i < r->nhosts; i++)
        fprintf(fp, "%s %s %lu lines", i ? "," : "", or_none(r->hosts[i].name),
                r->hosts[i].lines);
    fputc('\n', fp);
}

void report_print_text(const struct report *r, FILE *fp)
{
    fprintf(fp, "forcetls report: %zu file%s, %lu lines, %lu verdict lines, "
            "%lu outbound deliveries to partner domains\n", r->nfiles,
            r->nfiles == 1 ? "" : "s", r->lines, r->verdict_lines,
            r->deliveries);
    print_hosts(fp, r);
    if (r->same_message > 0)
        fprintf(fp, "%lu verdict line%s a second daemon's for a message "
                "already counted\n", r->same_message,
                r->same_message == 1 ? " was" : "s were");
    if (r->malformed > 0)
        fprintf(fp, "warning: %lu forcetls lines could not be read as "
                "verdicts\n", r->malformed);
    if (r->has_since)
        fprintf(fp, "%lu lines before --since skipped\n", r->before_since);
    if (r->has_until)
        fprintf(fp, "%lu lines from --until on skipped\n", r->after_until);
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
            print_inbound(fp, r, s);
        else
            print_outbound(fp, r, s);
    }
}
