/* certseen.c - a certificate is known by its fingerprint where a line
 * has one, else by its names: the milter's line (names only) and the
 * policy service's (names and fingerprint) for the same certificate are
 * one sighting list, and when both daemons logged one message, the
 * policy service's fingerprint says which certificate it was. A
 * certificate not seen before, after another one, is a change; going
 * back to an earlier one (a partner with two MX hosts) is not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "certseen.h"
#include "tally.h"

static bool same_names(const struct cert_item *c, const char *subject,
                       const char *issuer)
{
    return strcmp(c->subject, subject) == 0 && strcmp(c->issuer, issuer) == 0;
}

/* The item of fingerprint fp, or cs->n. */
static size_t by_fp(const struct certseen *cs, const char *fp)
{
    for (size_t i = 0; i < cs->n; i++)
        if (cs->v[i].fp[0] != '\0' && strcmp(cs->v[i].fp, fp) == 0)
            return i;
    return cs->n;
}

/* The item a sighting belongs to, or cs->n: by its fingerprint where the
 * line has one (else an item of its names that has none yet); by names
 * where it has none, the latest seen of those items, so that once the
 * policy service has logged a renewed certificate under the same names,
 * the milter's lines count for the new one. */
static size_t find(const struct certseen *cs, const char *subject,
                   const char *issuer, const char *fp)
{
    size_t best = cs->n;

    if (fp[0] != '\0') {
        if ((best = by_fp(cs, fp)) < cs->n)
            return best;
        for (size_t i = 0; i < cs->n; i++)
            if (cs->v[i].fp[0] == '\0'
                && same_names(&cs->v[i], subject, issuer))
                return i;
        return cs->n;
    }
    for (size_t i = 0; i < cs->n; i++)
        if (same_names(&cs->v[i], subject, issuer)
            && (best == cs->n || cs->v[i].seq > cs->v[best].seq))
            best = i;
    return best;
}

static void sighted(struct certseen *cs, size_t i, bool timed, time_t when)
{
    struct cert_item *c = &cs->v[i];

    c->prev_timed = c->timed;
    c->prev_first = c->first;
    c->prev_last = c->last;
    c->count++;
    if (timed)
        tally_span(&c->timed, &c->first, &c->last, when);
    c->seq = ++cs->seq;
    cs->last = i;
}

/* Take back the sighting numbered seq; its span only when it was the
 * item's latest. */
static void unsighted(struct cert_item *c, unsigned long seq)
{
    if (c->count > 0)
        c->count--;
    if (c->seq != seq)
        return;
    c->timed = c->prev_timed;
    c->first = c->prev_first;
    c->last = c->prev_last;
}

static int learn_fp(struct cert_item *c, const char *fp)
{
    char *copy = strdup(fp);

    if (copy == NULL)
        return -1;
    free(c->fp);
    c->fp = copy;
    return 0;
}

static int add_change(struct certseen *cs, bool timed, time_t when,
                      const char *host)
{
    struct cert_change *v = realloc(cs->changes,
                                    (cs->nchanges + 1) * sizeof(*v));

    if (v == NULL)
        return -1;
    cs->changes = v;
    v = &v[cs->nchanges];
    if ((v->host = strdup(host)) == NULL)
        return -1;
    v->timed = timed;
    v->when = when;
    v->from = cs->last;
    v->to = cs->n - 1;
    cs->nchanges++;
    return 0;
}

static int add_item(struct certseen *cs, const char *subject,
                    const char *issuer, const char *fp, const char *host)
{
    struct cert_item *v = realloc(cs->v, (cs->n + 1) * sizeof(*v));

    if (v == NULL)
        return -1;
    cs->v = v;
    v = &v[cs->n];
    memset(v, 0, sizeof(*v));
    v->subject = strdup(subject);
    v->issuer = strdup(issuer);
    v->fp = strdup(fp);
    v->first_host = strdup(host);
    cs->n++;
    return v->subject && v->issuer && v->fp && v->first_host ? 0 : -1;
}

int certseen_add(struct certseen *cs, const char *subject, const char *issuer,
                 const char *fp, bool timed, time_t when, const char *host,
                 struct cert_credit *credit)
{
    size_t i;

    if (credit != NULL)
        *credit = (struct cert_credit){ SIZE_MAX, 0 };
    if (subject[0] == '\0' && issuer[0] == '\0' && fp[0] == '\0')
        return 0;
    i = find(cs, subject, issuer, fp);
    if (i == cs->n) {
        if (add_item(cs, subject, issuer, fp, host) != 0
            || (cs->n > 1 && add_change(cs, timed, when, host) != 0))
            return -1;
    } else if (cs->v[i].fp[0] == '\0' && fp[0] != '\0'
               && learn_fp(&cs->v[i], fp) != 0) {
        return -1;
    }
    sighted(cs, i, timed, when);
    if (credit != NULL)
        *credit = (struct cert_credit){ i, cs->v[i].seq };
    return 0;
}

int certseen_refine(struct certseen *cs, const struct cert_credit *credit,
                    const char *subject, const char *issuer, const char *fp,
                    bool timed, time_t when, const char *host)
{
    struct cert_item *a;

    if (fp[0] == '\0')
        return 0;                       /* it tells nothing more */
    if (credit->item >= cs->n)          /* the first line was no sighting */
        return certseen_add(cs, subject, issuer, fp, timed, when, host,
                            NULL);
    a = &cs->v[credit->item];
    if (a->fp[0] != '\0' && strcmp(a->fp, fp) == 0)
        return 0;
    if (a->fp[0] == '\0' && by_fp(cs, fp) == cs->n)
        return learn_fp(a, fp);
    /* Another certificate than its names suggested: the sighting is
     * that one's, and a certificate not seen before is a change. */
    unsighted(a, credit->seq);
    return certseen_add(cs, subject, issuer, fp, timed, when, host, NULL);
}

void certseen_free(struct certseen *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        free(cs->v[i].subject);
        free(cs->v[i].issuer);
        free(cs->v[i].fp);
        free(cs->v[i].first_host);
    }
    for (size_t i = 0; i < cs->nchanges; i++)
        free(cs->changes[i].host);
    free(cs->v);
    free(cs->changes);
    memset(cs, 0, sizeof(*cs));
}
