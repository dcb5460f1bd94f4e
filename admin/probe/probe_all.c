/* probe_all.c - forcetls probe --all: every outbound connector's partner
 * probed in turn, one line each, and an exit status in the convention of
 * monitoring plugins (Nagios, Icinga): 0 OK, 1 WARNING, 2 CRITICAL,
 * 3 UNKNOWN, the worst line deciding. All of it ends by --deadline: what
 * it could not finish is UNKNOWN, never taken for a broken partner. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>

#include "certinfo.h"
#include "domain.h"
#include "probe.h"
#include "revoke.h"
#include "safetext.h"
#include "tlspolicy.h"
#include "tool.h"

enum state { ST_OK, ST_WARNING, ST_CRITICAL, ST_UNKNOWN };

static const char *const state_names[] = {
    "OK", "WARNING", "CRITICAL", "UNKNOWN",
};

/* Critical over warning over unknown: an unknown partner is less news
 * than a broken one, more than a healthy one. */
static enum state worse(enum state a, enum state b)
{
    static const int rank[] = { 0, 2, 3, 1 };

    return rank[b] > rank[a] ? b : a;
}

/* The --host DOMAIN=HOST:PORT whose domain this connector owns. */
static const char *host_for(const struct probe_opts *o,
                            const struct ft_conf *conf,
                            const struct ft_connector *c, char *domain,
                            size_t len)
{
    for (size_t i = 0; i < o->nhosts; i++) {
        const char *eq = strchr(o->hosts[i], '=');

        snprintf(domain, len, "%.*s", (int)(eq - o->hosts[i]), o->hosts[i]);
        if (tlspolicy_owner(conf, domain, false) == c)
            return eq + 1;
    }
    return NULL;
}

/* The first recipient domain that is a name, not a "*." pattern. */
static bool plain_domain(const struct ft_connector *c, char *domain,
                         size_t len)
{
    for (size_t i = 0; i < c->recipient_domains.n; i++) {
        bool wildcard;
        const char *base = domain_pattern_base(c->recipient_domains.v[i],
                                               &wildcard);

        if (!wildcard) {
            snprintf(domain, len, "%s", base);
            return true;
        }
    }
    return false;
}

struct line {
    enum state state;
    char text[1400];
    size_t len;
};

static void add(struct line *l, enum state s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add(struct line *l, enum state s, const char *fmt, ...)
{
    va_list ap;

    l->state = worse(l->state, s);
    va_start(ap, fmt);
    if (l->len < sizeof(l->text))
        l->len += (size_t)vsnprintf(l->text + l->len, sizeof(l->text) - l->len,
                                    fmt, ap);
    va_end(ap);
}

/* Verdict, days to expiry, key strength, revocation of what was seen. */
static void judge(const struct ft_conf *conf, const struct ft_connector *c,
                  const struct probe_opts *o, const struct probe_postfix *pf,
                  const struct probe_seen *ps, struct line *l)
{
    static const char *const words[] = { "fail", "pass", "cannot tell" };
    struct ft_result r;
    struct ft_certinfo ci;
    enum ft_judgement j;
    struct rev_budget budget;
    enum rev_status rs;
    long days;

    j = probe_outbound_verdict(c, &ps->v, ps->leaf, pf->multi_label, &r);
    add(l, j == FT_JUDGE_PASS ? ST_OK : j == FT_JUDGE_UNKNOWN ? ST_UNKNOWN
           : c->mode == FT_MODE_MONITOR ? ST_WARNING : ST_CRITICAL,
        ": verdict %s (%s)", words[j], r.reason);
    if (ps->leaf == NULL)
        return;
    certinfo_of(ps->leaf, &ci);
    days = certinfo_days_left(ci.not_after);
    add(l, ci.not_after < time(NULL) ? ST_CRITICAL
           : days < conf->expiry_warning_days ? ST_WARNING : ST_OK,
        ", %s in %ld day%s", ci.not_after < time(NULL) ? "expired"
        : "expires", days, days == 1 || days == -1 ? "" : "s");
    add(l, c->min_key_bits == 0 && certinfo_weak_key(&ci) ? ST_WARNING
           : ST_OK, ", key %s %d bits", ci.key_type, ci.key_bits);
    probe_revocation_budget(o, &budget);
    rs = revoke_check_chain(ps->v.chain, ps->v.chain_ok, &budget, NULL);
    add(l, rs == REV_GOOD ? ST_OK : rs == REV_REVOKED ? ST_CRITICAL
           : ST_WARNING, ", revocation %s", rev_status_name(rs));
}

static enum state probe_one(const struct probe_opts *o,
                            const struct ft_conf *conf,
                            const struct ft_connector *c,
                            const struct probe_postfix *pf)
{
    char domain[FT_DOMAIN_MAX], err[SMTP_TEXT + 256];
    const char *host = host_for(o, conf, c, domain, sizeof(domain));
    struct line l = { ST_OK, "", 0 };
    char shown[4 * sizeof(l.text)];
    struct probe_seen ps;
    struct target t;

    add(&l, ST_OK, "%s", c->name);
    if (tool_clock_ms() >= o->until_ms)
        add(&l, ST_UNKNOWN, ": not probed: the --deadline of %d s was "
            "reached", o->deadline);
    else if (host == NULL && !plain_domain(c, domain, sizeof(domain)))
        add(&l, ST_UNKNOWN, ": only \"*.\" recipient_domains; name a partner "
            "host with --host DOMAIN=HOST:PORT");
    else if (probe_resolve(host ? host : domain, &t, err, sizeof(err)) != 0)
        add(&l, ST_UNKNOWN, " %s: %s", domain, err);
    else if (snprintf(t.name, sizeof(t.name), "%s", domain) < 0
             || probe_connect(o, &t, c, pf, false, &ps, err, sizeof(err))
                 != 0)
        /* Cut short by the deadline, the probe says nothing of the
         * partner. */
        add(&l, tool_clock_ms() >= o->until_ms ? ST_UNKNOWN : ST_CRITICAL,
            " %s: %s", domain, err);
    else {
        add(&l, ST_OK, " %s via %s", domain, ps.s.peer);
        judge(conf, c, o, pf, &ps, &l);
        probe_seen_free(&ps);
    }
    /* One line per partner, whatever the server put in its replies. */
    printf("%s %s\n", state_names[l.state],
           safetext(shown, sizeof(shown), l.text));
    return l.state;
}

int probe_all(const struct probe_opts *opts)
{
    struct ft_conf *conf = tool_conf_load("probe", opts->conf_path);
    struct probe_opts all_opts = *opts, *o = &all_opts;
    struct probe_postfix pf;
    enum state all = ST_OK;
    size_t n = 0;

    if (conf == NULL)
        return ST_UNKNOWN;
    probe_postfix_load(o->cafile, &pf);
    o->until_ms = tool_clock_ms() + o->deadline * 1000L;
    for (size_t i = 0; i < conf->nconnectors; i++) {
        if (conf->connectors[i].direction != FT_DIR_OUTBOUND)
            continue;
        all = worse(all, probe_one(o, conf, &conf->connectors[i], &pf));
        n++;
    }
    if (n == 0) {
        printf("UNKNOWN %s has no outbound connector\n", conf->path);
        all = ST_UNKNOWN;
    }
    conf_unref(conf);
    return (int)all;
}
