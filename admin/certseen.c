/* certseen.c - a certificate is known by its fingerprint where a line
 * has one, else by its names: the milter's line (names only) and the
 * policy service's (names and fingerprint) for the same certificate are
 * one sighting list. A certificate not seen before, after another one,
 * is a change; going back to an earlier one (a partner with two MX hosts)
 * is not. */
#include <stdlib.h>
#include <string.h>

#include "certseen.h"
#include "tally.h"

static bool same(const struct cert_item *c, const char *subject,
                 const char *issuer, const char *fp)
{
    if (c->fp[0] != '\0' && fp[0] != '\0')
        return strcmp(c->fp, fp) == 0;
    return strcmp(c->subject, subject) == 0
        && strcmp(c->issuer, issuer) == 0;
}

static void sighted(struct cert_item *c, bool timed, time_t when)
{
    c->count++;
    if (timed)
        tally_span(&c->timed, &c->first, &c->last, when);
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
                 const char *fp, bool timed, time_t when, const char *host)
{
    size_t i;

    if (subject[0] == '\0' && issuer[0] == '\0' && fp[0] == '\0')
        return 0;
    for (i = 0; i < cs->n; i++)
        if (same(&cs->v[i], subject, issuer, fp))
            break;
    if (i == cs->n) {
        if (add_item(cs, subject, issuer, fp, host) != 0
            || (cs->n > 1 && add_change(cs, timed, when, host) != 0))
            return -1;
    } else if (cs->v[i].fp[0] == '\0' && fp[0] != '\0') {
        char *copy = strdup(fp);

        if (copy == NULL)
            return -1;
        free(cs->v[i].fp);
        cs->v[i].fp = copy;
    }
    sighted(&cs->v[i], timed, when);
    cs->last = i;
    return 0;
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
