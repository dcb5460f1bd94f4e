/* pflog.c - a TLS line and the delivery lines after it come from the same
 * smtp(8) process and name the same relay: remember the last TLS session
 * of each process and give it to the deliveries over that relay. A
 * delivery over a relay without such a line went in plaintext, or Postfix
 * logs no TLS lines (smtp_tls_loglevel = 0): the caller tells which. The
 * processes are recent ones (recent.c), found by host and pid: the one
 * seen first makes room for a new one. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "hash.h"
#include "pflog.h"
#include "recent.h"

struct session {
    char host[64];
    long pid;
    char relay[PFLOG_TEXT];   /* "host[addr]:port" */
    struct pf_tls tls;
};

struct pflog {
    struct session ring[PFLOG_SESSIONS];
    struct recent places;     /* of ring */
};

struct pflog *pflog_new(void)
{
    struct pflog *pl = calloc(1, sizeof(*pl));

    if (pl != NULL && recent_init(&pl->places, PFLOG_SESSIONS) != 0) {
        free(pl);
        pl = NULL;
    }
    return pl;
}

void pflog_free(struct pflog *pl)
{
    if (pl == NULL)
        return;
    recent_free(&pl->places);
    free(pl);
}

static bool is_smtp(const char *prog)
{
    const char *slash = strrchr(prog, '/');

    return slash != NULL && strcmp(slash, "/smtp") == 0;
}

/* "Verified TLS connection established to mx[1.2.3.4]:25: TLSv1.3 with
 * cipher TLS_AES_256_GCM_SHA384 (256/256 bits) ..." */
static bool tls_line(const char *t, struct session *s)
{
    static const char mid[] = " TLS connection established to ";
    const char *p = strstr(t, mid), *host, *end;
    int n = 0;

    memset(&s->tls, 0, sizeof(s->tls));
    if (p == NULL || !outbound_trust_parse(t, (size_t)(p - t), &s->tls.trust))
        return false;
    host = p + sizeof(mid) - 1;
    if ((end = strstr(host, ": ")) == NULL
        || (size_t)(end - host) >= sizeof(s->relay))
        return false;
    snprintf(s->relay, sizeof(s->relay), "%.*s", (int)(end - host), host);
    if (sscanf(end + 2, "%31s with cipher %127s%n", s->tls.version,
               s->tls.cipher, &n) != 2)
        return false;
    s->tls.encrypted = true;
    return true;
}

/* The value of "key=" up to ", " (or the end) in the delivery line. */
static bool field(const char *t, const char *key, char *out, size_t len)
{
    const char *p = strstr(t, key);
    size_t n;

    if (p == NULL)
        return false;
    p += strlen(key);
    n = strcspn(p, ",");
    snprintf(out, len, "%.*s", (int)n, p);
    return n < len;
}

/* "QUEUEID: to=<a@b>, relay=mx[1.2.3.4]:25, ..., status=sent (250 ok)" */
static bool delivery_line(const char *t, struct pf_delivery *d)
{
    char to[PFLOG_TEXT];
    const char *st, *paren;

    memset(d, 0, sizeof(*d));
    if (strstr(t, ": to=<") == NULL || !field(t, " to=", to, sizeof(to))
        || !field(t, " relay=", d->relay, sizeof(d->relay))
        || (st = strstr(t, " status=")) == NULL)
        return false;
    if (!address_domain(to, d->domain, sizeof(d->domain)))
        return false;
    st += 8;
    snprintf(d->status, sizeof(d->status), "%.*s", (int)strcspn(st, " "), st);
    if ((paren = strchr(st, '(')) != NULL) {
        size_t n = strlen(paren + 1);
        if (n > 0 && paren[n] == ')')
            n--;
        snprintf(d->text, sizeof(d->text), "%.*s", (int)n, paren + 1);
    }
    return true;
}

static uint32_t session_hash(const struct log_line *ll)
{
    return hash_fold(hash_bytes(hash_str(HASH_SEED, ll->host), &ll->pid,
                                sizeof(ll->pid)));
}

struct session_key {
    const struct pflog *pl;
    const struct log_line *ll;
};

static bool same_process(size_t place, const void *arg)
{
    const struct session_key *k = arg;
    const struct session *s = &k->pl->ring[place];

    return s->pid == k->ll->pid && strcmp(s->host, k->ll->host) == 0;
}

/* The remembered session of the line's process, whose hash is h. */
static struct session *session_find(struct pflog *pl,
                                    const struct log_line *ll, uint32_t h)
{
    struct session_key k = { pl, ll };
    size_t place = recent_find(&pl->places, h, same_process, &k);

    return place != RECENT_NONE ? &pl->ring[place] : NULL;
}

/* The process's new session replaces its last one where that is, so
 * that the ring holds a process once; a new process takes the place of
 * the one seen first. */
static void session_remember(struct pflog *pl, const struct log_line *ll,
                             uint32_t h, const struct session *tmp)
{
    struct session *s = session_find(pl, ll, h);

    if (s != NULL) {
        memcpy(s->relay, tmp->relay, sizeof(s->relay));
        s->tls = tmp->tls;
        return;
    }
    s = &pl->ring[recent_take(&pl->places, h)];
    *s = *tmp;
    s->pid = ll->pid;
    memcpy(s->host, ll->host, sizeof(s->host));
}

enum pf_kind pflog_feed(struct pflog *pl, const struct log_line *ll,
                        struct pf_delivery *out)
{
    const struct session *s;
    struct session tmp;

    if (!is_smtp(ll->prog))
        return PF_OTHER;
    if (tls_line(ll->text, &tmp)) {
        session_remember(pl, ll, session_hash(ll), &tmp);
        return PF_TLS;
    }
    if (!delivery_line(ll->text, out))
        return PF_OTHER;
    if ((s = session_find(pl, ll, session_hash(ll))) != NULL
        && strcmp(s->relay, out->relay) == 0)
        out->tls = s->tls;
    return PF_DELIVERY;
}
