/* report_read.c - forcetls report's reading: mail logs (several hosts'
 * and rotated ones merged in time order), the daemons' verdict lines per
 * inbound connector and Postfix's own deliveries per outbound connector
 * counted, judging monitor-mode ones against what Postfix logged. One pass, memory
 * bounded by what is distinct (connectors, periods, reasons, certificates,
 * hosts), never by the number of lines; a connector is found by hash.
 * Lines it does not know are skipped; a damaged file is read as far as it
 * goes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "logmerge.h"
#include "logparse.h"
#include "outbound.h"
#include "pflog.h"
#include "report.h"
#include "tlspolicy.h"
#include "tool.h"
#include "verdict.h"

static struct rstats *stats_find(struct report *r, const char *name,
                                 uint32_t h)
{
    struct hashtab_iter it;

    for (uint32_t ref = hashtab_find(&r->names, h, &it); ref != 0;
         ref = hashtab_next(&it))
        if (strcmp(r->v[ref - 1].name, name) == 0)
            return &r->v[ref - 1];
    return NULL;
}

static struct rstats *stats_for(struct report *r, const char *name)
{
    uint32_t h = hash_fold(hash_str(HASH_SEED, name));
    struct rstats *v;

    if ((v = stats_find(r, name, h)) != NULL)
        return v;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;

        if ((v = realloc(r->v, cap * sizeof(*v))) == NULL)
            return NULL;
        r->v = v;
        r->cap = cap;
    }
    v = &r->v[r->n];
    memset(v, 0, sizeof(*v));
    if ((v->name = strdup(name)) == NULL
        || hashtab_insert(&r->names, h, (uint32_t)r->n + 1) != 0)
        return NULL;
    v->inbound = true;
    r->n++;
    return v;
}

/* Configured connectors come first, in file order (so that v[c->index] is
 * c's), and one that saw nothing is listed too: an auditor asks about
 * those as well. */
static int stats_init(struct report *r)
{
    for (size_t i = 0; i < r->conf->nconnectors; i++) {
        const struct ft_connector *c = &r->conf->connectors[i];
        struct rstats *s = stats_for(r, c->name);

        if (s == NULL || s != &r->v[c->index])
            return -1;
        s->conn = c;
        s->inbound = c->direction == FT_DIR_INBOUND;
    }
    return 0;
}

/* Hosts are few and lines of one host come in runs: the last one found
 * is tried first. */
static struct rhost *host_for(struct report *r, const char *name)
{
    size_t *last = &r->host_last;
    struct rhost *v;

    if (*last < r->nhosts && strcmp(r->hosts[*last].name, name) == 0)
        return &r->hosts[*last];
    for (*last = 0; *last < r->nhosts; (*last)++)
        if (strcmp(r->hosts[*last].name, name) == 0)
            return &r->hosts[*last];
    if ((v = realloc(r->hosts, (r->nhosts + 1) * sizeof(*v))) == NULL)
        return NULL;
    r->hosts = v;
    v = &v[r->nhosts];
    memset(v, 0, sizeof(*v));
    if ((v->name = strdup(name)) == NULL)
        return NULL;
    *last = r->nhosts++;
    return v;
}

/* This period's counts of s; lines come in time order, so it is the last
 * one or, after a merge of unsorted files, found from the end. */
static unsigned long *period_counts(struct report *r, struct rstats *s,
                                    time_t t)
{
    long key = period_of(&r->pc, t);
    size_t i = s->nperiods;
    struct pcount *v;

    while (i > 0 && s->periods[i - 1].key > key)
        i--;
    if (i > 0 && s->periods[i - 1].key == key)
        return s->periods[i - 1].v;
    if ((v = realloc(s->periods, (s->nperiods + 1) * sizeof(*v))) == NULL)
        return NULL;
    s->periods = v;
    memmove(&v[i + 1], &v[i], (s->nperiods - i) * sizeof(*v));
    memset(&v[i], 0, sizeof(*v));
    v[i].key = key;
    s->nperiods++;
    return v[i].v;
}

static void seen_at(struct report *r, struct rstats *s,
                    const struct log_line *ll, int slot)
{
    unsigned long *pc;

    s->seen = true;
    if (!ll->has_time)
        return;
    tally_span(&s->timed, &s->first, &s->last, ll->time);
    if ((pc = period_counts(r, s, ll->time)) == NULL)
        r->oom = true;
    else
        pc[slot]++;
}

static int verdict_index(const char *name)
{
    for (int v = FT_VERDICT_PASS; v <= FT_VERDICT_MONITOR; v++)
        if (strcmp(name, verdict_name((enum ft_verdict)v)) == 0)
            return v;
    return -1;
}

/* Accepted mail is counted by message: with both daemons in the path,
 * each logs the message under its queue id. A refusal is an attempt.
 * *credit is the message's record of where its certificate was counted
 * (NULL for an attempt). */
static bool counted_already(struct report *r, const struct log_line *ll,
                            const struct verdict_line *vl, int v,
                            struct cert_credit **credit)
{
    bool seen;

    *credit = NULL;
    if (vl->queue_id[0] == '\0'
        || (v != FT_VERDICT_PASS && v != FT_VERDICT_MONITOR))
        return false;
    *credit = msgseen_get(r->msgs, ll->host, vl->queue_id, vl->connector,
                          vl->verdict, &seen);
    if (seen)
        r->same_message++;
    return seen;
}

static void count_verdict(struct report *r, struct rhost *h,
                          const struct log_line *ll)
{
    struct verdict_line vl;
    struct cert_credit *credit;
    struct rstats *s;
    bool t = ll->has_time;
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
    h->verdict_lines++;
    if (counted_already(r, ll, &vl, v, &credit)) {
        /* The policy service's fingerprint, where the milter's line
         * gave names only, tells which certificate it was. */
        if (certseen_refine(&s->certs, credit, vl.cert_subject,
                            vl.cert_issuer, vl.cert_fp, t, ll->time,
                            h->name) != 0)
            r->oom = true;
        return;
    }
    seen_at(r, s, ll, v);
    s->verdicts[v]++;
    if (tally_add(&s->versions, vl.tls) != 0
        || (strcmp(vl.tls, "none") != 0 && tally_add(&s->ciphers, vl.cipher))
        || (v != FT_VERDICT_PASS
            && tally_add_at(&s->reasons, vl.reason, 1, t, ll->time) != 0)
        || certseen_add(&s->certs, vl.cert_subject, vl.cert_issuer,
                        vl.cert_fp, t, ll->time, h->name, credit) != 0)
        r->oom = true;
}

static void judge(struct rstats *s, const struct ft_peer *peer,
                  const char *domain, unsigned long n, bool *oom)
{
    struct ft_result res;
    enum ft_judgement j = outbound_judge(s->conn, peer, domain, &res);

    if (j == FT_JUDGE_FAIL) {
        s->would_fail += n;
        *oom |= tally_add_at(&s->fail_reasons, res.reason, n, false, 0) != 0;
    } else if (j == FT_JUDGE_UNKNOWN) {
        s->unjudged += n;
        *oom |= tally_add_at(&s->unjudged_reasons, res.reason, n, false, 0)
            != 0;
    }
}

static void judge_delivery(struct rstats *s, const struct pf_delivery *d,
                           bool *oom)
{
    struct ft_peer peer = { 0 };

    peer.encrypted = d->tls.encrypted;
    peer.trust = d->tls.trust;
    peer.cipher = d->tls.cipher;
    if (!tlsver_parse(d->tls.version, &peer.version))
        peer.version = FT_TLS_UNKNOWN;
    judge(s, &peer, d->domain, 1, oom);
}

/* A delivery without a TLS line: plaintext, or a host whose Postfix logs
 * no TLS lines; which, only the whole log tells (report_finish). */
static void untold(struct report *r, struct rstats *s, size_t host)
{
    if (host >= s->nuntold) {
        unsigned long *v = realloc(s->untold, r->nhosts * sizeof(*v));

        if (v == NULL) {
            r->oom = true;
            return;
        }
        memset(v + s->nuntold, 0, (r->nhosts - s->nuntold) * sizeof(*v));
        s->untold = v;
        s->nuntold = r->nhosts;
    }
    s->untold[host]++;
}

static void count_delivery(struct report *r, struct rhost *h,
                           const struct log_line *ll,
                           const struct pf_delivery *d)
{
    char tls[200];
    const struct ft_connector *c;
    struct rstats *s;
    bool sent = strcmp(d->status, "sent") == 0;

    if ((c = tlspolicy_owner(r->conf, d->domain, false)) == NULL)
        return;
    s = &r->v[c->index];
    r->deliveries++;
    h->deliveries++;
    seen_at(r, s, ll, sent ? 0 : strcmp(d->status, "deferred") == 0 ? 1
                    : strcmp(d->status, "bounced") == 0 ? 2 : 3);
    s->deliveries++;
    s->sent += sent;
    s->deferred += strcmp(d->status, "deferred") == 0;
    s->bounced += strcmp(d->status, "bounced") == 0;
    if (!sent)
        r->oom |= tally_add_at(&s->postfix_reasons, d->text, 1, ll->has_time,
                               ll->time) != 0;
    if (!d->tls.encrypted) {
        untold(r, s, (size_t)(h - r->hosts));
        return;
    }
    snprintf(tls, sizeof(tls), "%s %s", d->tls.version,
             outbound_trust_name(d->tls.trust));
    r->oom |= tally_add(&s->out_tls, tls) != 0;
    if (s->conn->mode == FT_MODE_MONITOR)
        judge_delivery(s, d, &r->oom);
}

static bool in_period(struct report *r, const struct log_line *ll)
{
    if (!ll->has_time)
        return true;
    if (r->has_since && ll->time < r->since) {
        r->before_since++;
        return false;
    }
    if (r->has_until && ll->time >= r->until) {
        r->after_until++;
        return false;
    }
    return true;
}

/* Each daemon writes one such line per connection it did not judge. */
static void count_trusted(struct report *r, const char *prog)
{
    if (strcmp(prog, "forcetls-milter") == 0)
        r->trusted_milter++;
    else
        r->trusted_policyd++;
}

static bool is_daemon(const char *prog)
{
    return strcmp(prog, "forcetls-milter") == 0
        || strcmp(prog, "forcetls-policyd") == 0;
}

static void read_line(struct report *r, struct pflog *pl,
                      const struct log_line *ll)
{
    struct pf_delivery d;
    struct rhost *h;

    r->lines++;
    if (ll->prog[0] == '\0' || !in_period(r, ll))
        return;
    if ((h = host_for(r, ll->host)) == NULL) {
        r->oom = true;
        return;
    }
    h->lines++;
    if (ll->has_time) {
        tally_span(&h->timed, &h->first, &h->last, ll->time);
        tally_span(&r->timed, &r->first, &r->last, ll->time);
    }
    if (is_daemon(ll->prog)) {
        /* "NOQUEUE: connector=" or "QUEUEID: connector=" */
        const char *colon = strchr(ll->text, ':');
        if (colon != NULL && strncmp(colon, ": connector=", 12) == 0
            && colon - ll->text < 32)
            count_verdict(r, h, ll);
        else if (strncmp(ll->text, "trusted client ", 15) == 0)
            count_trusted(r, ll->prog);
        return;
    }
    switch (pflog_feed(pl, ll, &d)) {
    case PF_TLS:
        h->tls_lines++;
        break;
    case PF_DELIVERY:
        count_delivery(r, h, ll, &d);
        break;
    default:
        break;
    }
}

/* Deliveries without a TLS line: "none" from a host that logs TLS lines,
 * "unknown" from one that logged none at all (smtp_tls_loglevel = 0,
 * Postfix's default), which is no evidence of plaintext. */
static void settle_untold(struct report *r, struct rstats *s)
{
    static const struct ft_peer plain = { 0 };

    for (size_t h = 0; h < s->nuntold && !r->oom; h++) {
        unsigned long n = s->untold[h];

        if (n == 0)
            continue;
        if (r->hosts[h].tls_lines > 0) {
            s->tls_none += n;
            r->oom |= tally_add_at(&s->out_tls, "none", n, false, 0) != 0;
            if (s->conn->mode == FT_MODE_MONITOR)
                judge(s, &plain, "", n, &r->oom);
        } else {
            s->tls_unknown += n;
            r->oom |= tally_add_at(&s->out_tls, "unknown", n, false, 0) != 0;
            if (s->conn->mode == FT_MODE_MONITOR) {
                s->unjudged += n;
                r->oom |= tally_add_at(&s->unjudged_reasons, "TLS not "
                                       "logged (smtp_tls_loglevel = 0)", n,
                                       false, 0) != 0;
            }
        }
    }
}

static void read_all(struct report *r, char *const *files, size_t n,
                     time_t now)
{
    static char *const stdin_only[] = { "-" };
    struct pflog *pl = pflog_new();
    struct logmerge *m;
    struct log_line ll;
    const char *line;
    size_t file;

    if (n == 0) {
        files = stdin_only;
        n = 1;
    }
    r->files = files;
    r->nfiles = n;
    if (pl == NULL || (m = logmerge_open(files, n, now, TOOL_NAME " report",
                                         &r->unreadable_files)) == NULL) {
        pflog_free(pl);
        r->oom = true;
        return;
    }
    while (!r->oom
           && (line = logmerge_next(m, &ll, &file, &r->damaged_files))
               != NULL)
        read_line(r, pl, &ll);
    logmerge_close(m);
    pflog_free(pl);
    for (size_t i = 0; i < r->n; i++)
        if (!r->v[i].inbound)
            settle_untold(r, &r->v[i]);
}

void report_free(struct report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct rstats *s = &r->v[i];
        free((char *)s->name);
        free(s->periods);
        free(s->untold);
        tally_free(&s->versions);
        tally_free(&s->ciphers);
        tally_free(&s->reasons);
        certseen_free(&s->certs);
        tally_free(&s->out_tls);
        tally_free(&s->fail_reasons);
        tally_free(&s->unjudged_reasons);
        tally_free(&s->postfix_reasons);
    }
    free(r->v);
    for (size_t i = 0; i < r->nhosts; i++)
        free(r->hosts[i].name);
    free(r->hosts);
    hashtab_free(&r->names);
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

int report_read(struct report *r, char *const *files, size_t n, time_t now)
{
    if (stats_init(r) != 0 || (r->msgs = msgseen_new()) == NULL) {
        r->oom = true;
        return -1;
    }
    read_all(r, files, n, now);
    if (r->oom)
        return -1;
    sort_all(r);
    return 0;
}
