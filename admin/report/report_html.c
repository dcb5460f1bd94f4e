/* report_html.c - forcetls report --html: one page that is the evidence
 * itself. Self-contained (inline CSS and SVG, no script, font, image or
 * link to anything outside, and a Content-Security-Policy saying so), it
 * reads offline and prints to PDF; every chart has its table under it so
 * that the figures can be checked. */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "report_svg.h"
#include "verdict.h"

static const char style[] =
    "body{font-family:system-ui,\"DejaVu Sans\",sans-serif;color:#1f2328;"
    "max-width:62em;margin:1.5em auto;padding:0 1em;line-height:1.4}"
    "h1{font-size:1.7em;margin:0 0 .2em}"
    "h2{font-size:1.3em;border-bottom:2px solid #d0d7de;padding-bottom:.2em;"
    "margin-top:2em}"
    "h3{font-size:1em;margin:1.2em 0 .3em}"
    "table{border-collapse:collapse;margin:.3em 0 1em;font-size:.88em}"
    "th,td{border:1px solid #d0d7de;padding:.2em .55em;text-align:left;"
    "vertical-align:top}"
    "th{background:#f3f5f7}td.n{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    ".compliance{font-size:1.05em;font-weight:600;margin:.4em 0}"
    ".good{color:#1a7f37}.warn{color:#9a6700}.bad{color:#cf222e}"
    ".legend{font-size:.85em;margin:.2em 0}"
    ".legend i{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 "
    ".9em;vertical-align:-.1em}"
    ".change{background:#fff8c5;border-left:4px solid #d4a72c;"
    "padding:.4em .8em;margin:.4em 0}"
    ".note{color:#57606a;font-size:.9em}"
    "code{font-size:.85em;word-break:break-all}"
    "svg.chart{width:100%;height:auto;max-height:16em}"
    "svg .grid{stroke:#d0d7de;stroke-width:1}"
    "svg text{font-size:11px;fill:#57606a}"
    "svg .yl{text-anchor:end}svg .xl{text-anchor:middle}"
    "@media print{body{max-width:none;margin:0;font-size:10pt}"
    "section{break-inside:avoid-page}h2{break-after:avoid}"
    "th{background:#eee!important;-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}svg rect{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}}";

static void esc(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default: fputc(*s, fp);
        }
    }
}

static void td_text(FILE *fp, const char *s)
{
    fputs("<td>", fp);
    esc(fp, s[0] ? s : "(none)");
    fputs("</td>", fp);
}

static void td_num(FILE *fp, unsigned long n)
{
    fprintf(fp, "<td class=\"n\">%lu</td>", n);
}

static void td_time(FILE *fp, bool timed, time_t t)
{
    char buf[32];

    if (timed)
        report_time(t, buf, sizeof(buf));
    td_text(fp, timed ? buf : "");
}

static void header(FILE *fp, const struct report *r)
{
    char a[32], b[32];

    fputs("<header><h1>Forced TLS report</h1>\n<p>Period: ", fp);
    if (r->timed) {
        report_time(r->has_since ? r->since : r->first, a, sizeof(a));
        report_time(r->has_until ? r->until : r->last, b, sizeof(b));
        fprintf(fp, "<b>%s</b> to <b>%s</b>", a, b);
    } else {
        fputs("no time stamps in the logs", fp);
    }
    fprintf(fp, "; %lu lines read, %lu verdict lines, %lu outbound "
            "deliveries to partner domains.</p>\n", r->lines,
            r->verdict_lines, r->deliveries);
    if (r->same_message > 0)
        fprintf(fp, "<p class=\"note\">%lu verdict line%s a second "
                "daemon's for a message already counted: messages are "
                "counted once.</p>\n", r->same_message,
                r->same_message == 1 ? " was" : "s were");
    fputs("<h3>Hosts</h3><table><tr><th>host</th><th>lines</th>"
          "<th>verdict lines</th><th>deliveries</th><th>TLS lines</th>"
          "<th>first</th><th>last</th></tr>\n", fp);
    for (size_t i = 0; i < r->nhosts; i++) {
        const struct rhost *h = &r->hosts[i];

        fputs("<tr>", fp);
        td_text(fp, h->name);
        td_num(fp, h->lines);
        td_num(fp, h->verdict_lines);
        td_num(fp, h->deliveries);
        td_num(fp, h->tls_lines);
        td_time(fp, h->timed, h->first);
        td_time(fp, h->timed, h->last);
        fputs("</tr>\n", fp);
    }
    fputs("</table>\n<p class=\"note\">Files read:", fp);
    for (size_t i = 0; i < r->nfiles; i++) {
        fputs(i ? ", <code>" : " <code>", fp);
        esc(fp, strcmp(r->files[i], "-") == 0 ? "standard input"
                                               : r->files[i]);
        fputs("</code>", fp);
    }
    fputs(".</p></header>\n", fp);
}

static const char *grade(const struct rstats *s)
{
    if (s->inbound)
        return s->verdicts[FT_VERDICT_REJECT] + s->verdicts[FT_VERDICT_DEFER]
                   + s->verdicts[FT_VERDICT_MONITOR] == 0 ? "good" : "warn";
    return s->would_fail > 0 ? "bad" : s->tls_unknown > 0 ? "warn" : "good";
}

static void summary(FILE *fp, const struct report *r)
{
    char line[1024];
    size_t quiet = 0;

    fputs("<section id=\"summary\"><h2>Summary</h2>\n", fp);
    for (size_t i = 0; i < r->n; i++) {
        if (!r->v[i].seen) {
            quiet++;
            continue;
        }
        report_compliance(&r->v[i], line, sizeof(line));
        fprintf(fp, "<p class=\"compliance %s\" data-connector=\"",
                grade(&r->v[i]));
        esc(fp, r->v[i].name);
        fputs("\">", fp);
        esc(fp, line);
        fputs("</p>\n", fp);
    }
    if (quiet > 0) {
        fprintf(fp, "<p class=\"note\" id=\"quiet\">%zu connector%s saw "
                "nothing in this period:", quiet, quiet == 1 ? "" : "s");
        for (size_t i = 0, k = 0; i < r->n; i++)
            if (!r->v[i].seen) {
                fputs(k++ ? ", " : " ", fp);
                esc(fp, r->v[i].name);
            }
        fputs(".</p>\n", fp);
    }
    fputs("</section>\n", fp);
}

struct rows {
    FILE *fp;
    const struct report *r;
};

static void period_row(void *arg, long key, const unsigned long v[4])
{
    struct rows *w = arg;
    char label[32];

    period_label(w->r->pc.by, key, label, sizeof(label));
    fputs("<tr>", w->fp);
    td_text(w->fp, label);
    for (int k = 0; k < 4; k++)
        td_num(w->fp, v[k]);
    td_num(w->fp, v[0] + v[1] + v[2] + v[3]);
    fputs("</tr>\n", w->fp);
}

static void chart(FILE *fp, const struct report *r, const struct rstats *s)
{
    const char *const *series = s->inbound ? report_series_in
                                           : report_series_out;
    struct rows w = { fp, r };

    if (s->nperiods == 0)
        return;
    fprintf(fp, "<h3>%s per %s</h3>\n<div class=\"legend\">",
            s->inbound ? "Verdicts" : "Deliveries", report_by_name(r));
    for (int k = 0; k < 4; k++)
        fprintf(fp, "<i style=\"background:%s\"></i>%s",
                (s->inbound ? report_series_colour_in
                            : report_series_colour_out)[k], series[k]);
    fputs("</div>\n", fp);
    report_svg_chart(fp, r, s);
    fprintf(fp, "<table class=\"periods\"><tr><th>%s</th>", report_by_name(r));
    for (int k = 0; k < 4; k++)
        fprintf(fp, "<th>%s</th>", series[k]);
    fputs("<th>total</th></tr>\n", fp);
    report_each_period(r, s, period_row, &w);
    fputs("</table>\n", fp);
}

static void tally_table(FILE *fp, const char *title, const char *what,
                        const struct tally *t, bool times)
{
    if (t->n == 0)
        return;
    fprintf(fp, "<h3>%s</h3><table><tr><th>%s</th><th>count</th>%s</tr>\n",
            title, what, times ? "<th>first</th><th>last</th>" : "");
    for (size_t i = 0; i < t->n; i++) {
        fputs("<tr>", fp);
        td_text(fp, t->v[i].value);
        td_num(fp, t->v[i].count);
        if (times) {
            td_time(fp, t->v[i].timed, t->v[i].first);
            td_time(fp, t->v[i].timed, t->v[i].last);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</table>\n", fp);
}

static void certificates(FILE *fp, const struct rstats *s)
{
    char line[2048];

    if (s->certs.n == 0)
        return;
    fputs("<h3>Certificates seen</h3><table class=\"certs\"><tr>"
          "<th>subject</th><th>issuer</th><th>fingerprint</th><th>count</th>"
          "<th>first</th><th>last</th><th>first on</th></tr>\n", fp);
    for (size_t i = 0; i < s->certs.n; i++) {
        const struct cert_item *c = &s->certs.v[i];

        fputs("<tr>", fp);
        td_text(fp, c->subject);
        td_text(fp, c->issuer);
        fputs("<td><code>", fp);
        esc(fp, c->fp[0] ? c->fp : "(unknown)");
        fputs("</code></td>", fp);
        td_num(fp, c->count);
        td_time(fp, c->timed, c->first);
        td_time(fp, c->timed, c->last);
        td_text(fp, c->first_host);
        fputs("</tr>\n", fp);
    }
    fputs("</table>\n", fp);
    for (size_t i = 0; i < s->certs.nchanges; i++) {
        report_change_text(s, &s->certs.changes[i], line, sizeof(line));
        fputs("<p class=\"change\">", fp);
        esc(fp, line);
        fputs("</p>\n", fp);
    }
}

static void outbound(FILE *fp, const struct rstats *s)
{
    fputs("<p>Required: <b>", fp);
    esc(fp, level_name(s->conn->level));
    fputs("</b>", fp);
    if (s->conn->mode == FT_MODE_MONITOR)
        fputs(" (monitor mode: Postfix was not told; each delivery is "
              "judged against it here)", fp);
    fputs(".</p>\n", fp);
    tally_table(fp, "TLS achieved", "protocol and trust", &s->out_tls, false);
    if (s->tls_unknown > 0)
        fprintf(fp, "<p class=\"note\">unknown: %lu from hosts "
                "whose log has no &quot;TLS connection established&quot; "
                "line at all. Postfix writes none with "
                "<code>smtp_tls_loglevel = 0</code> (its default), so this "
                "is no evidence of plaintext; set it to 1 for evidence.</p>\n",
                s->tls_unknown);
    tally_table(fp, "Would fail the connector", "reason", &s->fail_reasons,
                false);
    tally_table(fp, "Could not be judged from the log", "reason",
                &s->unjudged_reasons, false);
    tally_table(fp, "Not delivered (Postfix's reasons)", "reason",
                &s->postfix_reasons, true);
}

static void connector(FILE *fp, const struct report *r,
                      const struct rstats *s)
{
    char line[1024];

    fputs("<section class=\"connector\" data-connector=\"", fp);
    esc(fp, s->name);
    fputs("\"><h2>", fp);
    esc(fp, s->name);
    fprintf(fp, " <small>(%s%s%s)</small></h2>\n",
            s->conn ? direction_name(s->conn->direction)
                    : "not in the configuration",
            s->conn ? ", " : "", s->conn ? mode_name(s->conn->mode) : "");
    report_compliance(s, line, sizeof(line));
    fprintf(fp, "<p class=\"compliance %s\">", grade(s));
    esc(fp, line);
    fputs("</p>\n", fp);
    chart(fp, r, s);
    if (s->inbound) {
        tally_table(fp, "TLS versions", "version", &s->versions, false);
        tally_table(fp, "Ciphers", "cipher", &s->ciphers, false);
        tally_table(fp, "Failures by reason (would-fail in monitor mode)",
                    "reason", &s->reasons, true);
        certificates(fp, s);
    } else if (s->conn != NULL) {
        outbound(fp, s);
    }
    fputs("</section>\n", fp);
}

int report_write_html(const struct report *r, const char *path)
{
    FILE *fp = fopen(path, "w");
    char a[32];

    if (fp == NULL)
        return -1;
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
          "'none'; style-src 'unsafe-inline'\">\n<meta name=\"viewport\" "
          "content=\"width=device-width, initial-scale=1\">\n"
          "<title>Forced TLS report", fp);
    if (r->timed) {
        report_time(r->first, a, sizeof(a));
        fprintf(fp, " from %.10s", a);
        report_time(r->last, a, sizeof(a));
        fprintf(fp, " to %.10s", a);
    }
    fprintf(fp, "</title>\n<style>%s</style></head><body>\n", style);
    header(fp, r);
    summary(fp, r);
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].seen)
            connector(fp, r, &r->v[i]);
    fputs("<footer class=\"note\"><p>Written by forcetls report from the "
          "mail logs above. Inbound figures count messages (a message both "
          "daemons judged counts once) and refused attempts; outbound "
          "figures count Postfix's deliveries.</p></footer>\n</body></html>\n",
          fp);
    {
        bool failed = ferror(fp) != 0;

        return fclose(fp) == 0 && !failed ? 0 : -1;
    }
}
