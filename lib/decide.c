/* decide.c - the inbound connectors a transaction falls under at MAIL and
 * at RCPT, each evaluated; every one must pass, so adding a connector never
 * weakens another. An address counts for every domain Postfix may route
 * it to (address.c). The sender's connectors are found once per
 * transaction (decide_sender), a recipient's at its RCPT. */
#include <stdlib.h>

#include "address.h"
#include "decide.h"
#include "log.h"

#define MATCH_STACK 64

/* domainmap_match into a buffer that grows when one domain is covered by
 * more connectors than the stack holds. */
static size_t match_all(const struct ft_domainmap *map, const char *domain,
                        unsigned *stack, unsigned **out)
{
    size_t n = domainmap_match(map, domain, stack, MATCH_STACK);

    *out = stack;
    if (n > MATCH_STACK) {
        if ((*out = malloc(n * sizeof(**out))) == NULL)
            return (size_t)-1;
        domainmap_match(map, domain, *out, n);
    }
    return n;
}

static int add_outcome(struct ft_decision *d, const struct ft_connector *c,
                       const struct ft_tls *tls, const struct ft_client *client)
{
    struct ft_outcome *o;
    struct ft_outcome *items = realloc(d->items, (d->n + 1) * sizeof(*items));

    if (items == NULL)
        return -1;
    d->items = items;
    o = &items[d->n++];
    o->connector = c;
    evaluate_connector(c, tls, client, &o->result);
    o->verdict = verdict_of(c, &o->result);
    return 0;
}

static void pick_deciding(struct ft_decision *d)
{
    d->deciding = NULL;
    for (size_t i = 0; i < d->n; i++) {
        if (d->items[i].verdict == FT_VERDICT_REJECT
            || d->items[i].verdict == FT_VERDICT_DEFER) {
            d->deciding = &d->items[i];
            return;
        }
    }
}

static bool contains(const unsigned *v, size_t n, unsigned x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static int by_index(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

    return x < y ? -1 : x > y;
}

/* The connectors of map covering any of the domains, each once, in file
 * order of first match; -1 when out of memory. */
static int match_domains(const struct ft_domainmap *map,
                         const struct ft_address_domains *doms,
                         unsigned **out, size_t *n)
{
    unsigned stack[MATCH_STACK], *idx = stack, *v;

    *out = NULL;
    *n = 0;
    for (size_t d = 0; d < doms->n; d++) {
        size_t m = match_all(map, doms->v[d], stack, &idx);

        if (m == (size_t)-1)
            goto nomem;
        for (size_t i = 0; i < m; i++) {
            if (contains(*out, *n, idx[i]))
                continue;
            if ((v = realloc(*out, (*n + 1) * sizeof(*v))) == NULL)
                goto nomem;
            *out = v;
            v[(*n)++] = idx[i];
        }
        if (idx != stack)
            free(idx);
        idx = stack;
    }
    if (*n > 1)
        qsort(*out, *n, sizeof(**out), by_index);
    return 0;
nomem:
    if (idx != stack)
        free(idx);
    free(*out);
    *out = NULL;
    return -1;
}

static void decision_init(struct ft_decision *d)
{
    d->items = NULL;
    d->n = 0;
    d->deciding = NULL;
}

int decide_sender(const struct ft_conf *conf, const char *sender,
                  struct ft_sender_set *s)
{
    struct ft_address_domains doms;

    decide_sender_free(s);
    if (address_domains(sender, &doms) != 0
        || match_domains(conf->in_sender, &doms, &s->idx, &s->n) != 0)
        return -1;
    s->generation = conf->generation;
    return 0;
}

void decide_sender_free(struct ft_sender_set *s)
{
    free(s->idx);
    s->idx = NULL;
    s->n = 0;
    s->generation = 0;
}

int decide_mail(const struct ft_conf *conf, const struct ft_tls *tls,
                const struct ft_client *client,
                const struct ft_sender_set *sender, struct ft_decision *d)
{
    int rc = 0;

    decision_init(d);
    if (sender->generation != conf->generation)
        return -1;
    for (size_t i = 0; i < sender->n && rc == 0; i++) {
        const struct ft_connector *c = &conf->connectors[sender->idx[i]];
        if (c->recipient_domains.n == 0)
            rc = add_outcome(d, c, tls, client);
    }
    pick_deciding(d);
    return rc;
}

int decide_rcpt(const struct ft_conf *conf, const struct ft_tls *tls,
                const struct ft_client *client,
                const struct ft_sender_set *sender, const char *recipient,
                struct ft_decision *d)
{
    struct ft_address_domains doms;
    unsigned *idx;
    size_t n;
    int rc = 0;

    decision_init(d);
    if (sender->generation != conf->generation
        || address_domains(recipient, &doms) != 0
        || match_domains(conf->in_recipient, &doms, &idx, &n) != 0)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct ft_connector *c = &conf->connectors[idx[i]];
        if (c->sender_domains.n == 0
            || contains(sender->idx, sender->n, c->index))
            rc = add_outcome(d, c, tls, client);
    }
    free(idx);
    pick_deciding(d);
    return rc;
}

static void decision_log(const struct ft_decision *d,
                         const struct ft_logctx *lc, bool log_passes,
                         struct ft_held *held)
{
    char line[4096];

    for (size_t i = 0; i < d->n; i++) {
        const struct ft_outcome *o = &d->items[i];
        bool goes_on = o->verdict == FT_VERDICT_PASS
            || o->verdict == FT_VERDICT_MONITOR;

        if (o->verdict == FT_VERDICT_PASS && !log_passes)
            continue;
        verdict_format(line, sizeof(line), o->connector, o->verdict,
                       &o->result, lc);
        /* A refusal is NOQUEUE for good, as Postfix logs its own. */
        if (goes_on && held != NULL)
            held_add(held, line);
        else
            log_info("%s", line);
    }
}

bool decision_refuses(const struct ft_decision *d, struct ft_reply *reply)
{
    if (d->deciding == NULL)
        return false;
    verdict_reply(d->deciding->connector, &d->deciding->result,
                  d->deciding->verdict, reply);
    return true;
}

bool decision_answer(const struct ft_decision *d, const struct ft_logctx *lc,
                     bool log_passes, struct ft_held *held,
                     struct ft_reply *reply)
{
    decision_log(d, lc, log_passes, held);
    return decision_refuses(d, reply);
}

void decision_trouble(const char *why, struct ft_reply *reply)
{
    log_error("%s; answering 451 4.3.5", why);
    verdict_reply_internal(why, reply);
}

void decision_free(struct ft_decision *d)
{
    free(d->items);
    d->items = NULL;
    d->n = 0;
    d->deciding = NULL;
}
