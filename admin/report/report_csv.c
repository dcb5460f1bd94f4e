/* report_csv.c - forcetls report --csv DIR: the page's tables for a
 * spreadsheet, one RFC 4180 file each (fields quoted when they hold a
 * comma, quote or line break; quotes doubled). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"
#include "report_svg.h"
#include "verdict.h"

static void field(FILE *fp, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n") != NULL) {
        fputc('"', fp);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', fp);
            fputc(*s, fp);
        }
        fputc('"', fp);
    } else {
        fputs(s, fp);
    }
    fputs(last ? "\r\n" : ",", fp);
}

static void num(FILE *fp, unsigned long n, bool last)
{
    fprintf(fp, "%lu%s", n, last ? "\r\n" : ",");
}

static void when(FILE *fp, bool timed, time_t t, bool last)
{
    char buf[32] = "";

    if (timed)
        report_time(t, buf, sizeof(buf));
    field(fp, buf, last);
}

static void connectors_csv(FILE *fp, const struct report *r)
{
    char line[1024];

    fputs("connector,direction,mode,pass,reject,defer,monitor,deliveries,"
          "sent,deferred,bounced,would_fail,tls_unknown,first,last,"
          "summary\r\n", fp);
    for (size_t i = 0; i < r->n; i++) {
        const struct rstats *s = &r->v[i];

        field(fp, s->name, false);
        field(fp, s->conn ? direction_name(s->conn->direction) : "", false);
        field(fp, s->conn ? mode_name(s->conn->mode) : "", false);
        for (int k = 0; k < 4; k++)
            num(fp, s->verdicts[k], false);
        num(fp, s->deliveries, false);
        num(fp, s->sent, false);
        num(fp, s->deferred, false);
        num(fp, s->bounced, false);
        num(fp, s->would_fail, false);
        num(fp, s->tls_unknown, false);
        when(fp, s->timed, s->first, false);
        when(fp, s->timed, s->last, false);
        report_compliance(s, line, sizeof(line));
        field(fp, line, true);
    }
}

struct rows {
    FILE *fp;
    const struct report *r;
    const struct rstats *s;
};

static void period_row(void *arg, long key, const unsigned long v[4])
{
    struct rows *w = arg;
    char label[32];

    period_label(w->r->pc.by, key, label, sizeof(label));
    field(w->fp, w->s->name, false);
    field(w->fp, label, false);
    for (int k = 0; k < 4; k++)
        num(w->fp, v[k], k == 3);
}

static void periods_csv(FILE *fp, const struct report *r)
{
    fputs("connector,period,pass_or_sent,reject_or_deferred,"
          "defer_or_bounced,monitor_or_other\r\n", fp);
    for (size_t i = 0; i < r->n; i++) {
        struct rows w = { fp, r, &r->v[i] };
        report_each_period(r, &r->v[i], period_row, &w);
    }
}

/* Every connector's tally of one kind: connector,what,count[,first,last] */
static void tallies_csv(FILE *fp, const struct report *r, const char *what,
                        size_t offset, bool times)
{
    fprintf(fp, "connector,%s,count%s\r\n", what, times ? ",first,last" : "");
    for (size_t i = 0; i < r->n; i++) {
        const struct tally *t =
            (const struct tally *)((const char *)&r->v[i] + offset);

        for (size_t j = 0; j < t->n; j++) {
            field(fp, r->v[i].name, false);
            field(fp, t->v[j].value, false);
            num(fp, t->v[j].count, !times);
            if (times) {
                when(fp, t->v[j].timed, t->v[j].first, false);
                when(fp, t->v[j].timed, t->v[j].last, true);
            }
        }
    }
}

static void certificates_csv(FILE *fp, const struct report *r)
{
    fputs("connector,subject,issuer,fingerprint,count,first,last,"
          "first_host\r\n", fp);
    for (size_t i = 0; i < r->n; i++)
        for (size_t j = 0; j < r->v[i].certs.n; j++) {
            const struct cert_item *c = &r->v[i].certs.v[j];

            field(fp, r->v[i].name, false);
            field(fp, c->subject, false);
            field(fp, c->issuer, false);
            field(fp, c->fp, false);
            num(fp, c->count, false);
            when(fp, c->timed, c->first, false);
            when(fp, c->timed, c->last, false);
            field(fp, c->first_host, true);
        }
}

static void changes_csv(FILE *fp, const struct report *r)
{
    char line[2048];

    fputs("connector,when,host,change\r\n", fp);
    for (size_t i = 0; i < r->n; i++)
        for (size_t j = 0; j < r->v[i].certs.nchanges; j++) {
            const struct cert_change *c = &r->v[i].certs.changes[j];

            field(fp, r->v[i].name, false);
            when(fp, c->timed, c->when, false);
            field(fp, c->host, false);
            report_change_text(&r->v[i], c, line, sizeof(line));
            field(fp, line, true);
        }
}

static void hosts_csv(FILE *fp, const struct report *r)
{
    fputs("host,lines,verdict_lines,deliveries,tls_lines,first,last\r\n", fp);
    for (size_t i = 0; i < r->nhosts; i++) {
        const struct rhost *h = &r->hosts[i];

        field(fp, h->name, false);
        num(fp, h->lines, false);
        num(fp, h->verdict_lines, false);
        num(fp, h->deliveries, false);
        num(fp, h->tls_lines, false);
        when(fp, h->timed, h->first, false);
        when(fp, h->timed, h->last, true);
    }
}

static void tls_csv(FILE *fp, const struct report *r)
{
    tallies_csv(fp, r, "tls_version", offsetof(struct rstats, versions),
                false);
}

static void ciphers_csv(FILE *fp, const struct report *r)
{
    tallies_csv(fp, r, "cipher", offsetof(struct rstats, ciphers), false);
}

static void failures_csv(FILE *fp, const struct report *r)
{
    tallies_csv(fp, r, "reason", offsetof(struct rstats, reasons), true);
}

static void outbound_csv(FILE *fp, const struct report *r)
{
    tallies_csv(fp, r, "tls_achieved", offsetof(struct rstats, out_tls),
                false);
}

static const struct {
    const char *name;
    void (*write)(FILE *fp, const struct report *r);
} files[] = {
    { "connectors.csv", connectors_csv },
    { "periods.csv", periods_csv },
    { "tls-versions.csv", tls_csv },
    { "ciphers.csv", ciphers_csv },
    { "failures.csv", failures_csv },
    { "certificates.csv", certificates_csv },
    { "certificate-changes.csv", changes_csv },
    { "outbound-tls.csv", outbound_csv },
    { "hosts.csv", hosts_csv },
};

int report_write_csv(const struct report *r, const char *dir, char *err,
                     size_t errlen)
{
    char path[4096];

    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        FILE *fp;
        bool failed;

        snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
        if ((fp = fopen(path, "w")) == NULL) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            return -1;
        }
        files[i].write(fp, r);
        failed = ferror(fp) != 0;
        if (fclose(fp) != 0 || failed) {
            snprintf(err, errlen, "%s: write error", path);
            return -1;
        }
    }
    return 0;
}
