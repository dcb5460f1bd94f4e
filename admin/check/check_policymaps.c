/* check_policymaps.c - forcetls check on smtp_tls_policy_maps: which table
 * answers for partner domains first (forcetls's socketmap, a static map
 * made with forcetls tlspolicy | postmap, or another service), whether a
 * static map still says what forcetls tlspolicy would write now, and
 * whether this Postfix reads every policy attribute it holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "sockmatch.h"
#include "tlspolicy.h"

#define POLICY_MAX 4096
#define LIST_MAX 6            /* domains named in one finding */

/* "socketmap:unix:/p:NAME" or "socketmap:inet:h:p:NAME", maybe behind
 * "proxy:"; true when it is our socket and our map name. */
static bool is_our_socketmap(const struct ft_conf *conf, const char *entry,
                             const char *qdir, bool chroot)
{
    char spec[600];
    const char *name;
    struct sock theirs, ours;

    if (strncmp(entry, "proxy:", 6) == 0)
        entry += 6;
    if (strncmp(entry, "socketmap:", 10) != 0
        || (name = strrchr(entry + 10, ':')) == NULL
        || strcmp(name + 1, conf->policyd.tlsmap_name) != 0)
        return false;
    snprintf(spec, sizeof(spec), "%.*s", (int)(name - entry - 10),
             entry + 10);
    if (!sock_from_postfix(spec, qdir, chroot, &theirs))
        return false;
    for (size_t i = 0; i < conf->policyd.tlsmap_listen.n; i++)
        if (sock_from_listen(conf->policyd.tlsmap_listen.v[i], &ours)
            && sock_same(&ours, &theirs))
            return true;
    return false;
}

/* Tables postmap -s can list, the ones forcetls tlspolicy | postmap makes. */
static bool is_indexed(const char *entry)
{
    static const char *const types[] = { "hash:", "lmdb:", "btree:", "cdb:",
                                         "dbm:", "sdbm:", "texthash:" };

    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (strncmp(entry, types[i], strlen(types[i])) == 0)
            return true;
    return false;
}

/* Other services that answer smtp_tls_policy_maps, by what their
 * documentation tells administrators to write. */
static const char *known_service(const char *entry)
{
    if (strstr(entry, "tlspol") != NULL)
        return "postfix-tlspol, a DANE and MTA-STS policy server";
    if (strstr(entry, "mta-sts") != NULL || strstr(entry, "mta_sts") != NULL
        || strstr(entry, ":8461:") != NULL)
        return "postfix-mta-sts-resolver, an MTA-STS policy server";
    return NULL;
}

/* Attributes and levels Postfix learnt late: a value it cannot read
 * defers every delivery to that domain. */
static const struct { const char *text; int major, minor; } attr_since[] = {
    { "protocols=>=", 3, 6 }, { "protocols=<=", 3, 6 },
    { "dane", 2, 11 }, { "tafile=", 2, 11 },
};

static const char *too_new(const struct postconf *pc, const char *value)
{
    for (size_t i = 0; i < sizeof(attr_since) / sizeof(attr_since[0]); i++)
        if (strstr(value, attr_since[i].text) != NULL
            && !postconf_version_at_least(pc, attr_since[i].major,
                                          attr_since[i].minor))
            return attr_since[i].text;
    return NULL;
}

struct entry {
    char *key, *value;
};

struct table {
    struct entry *v;
    size_t n, cap;
};

static void table_add(const char *key, const char *value, void *arg)
{
    struct table *t = arg;
    struct entry *nv;

    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        if ((nv = realloc(t->v, cap * sizeof(*nv))) == NULL)
            return;
        t->v = nv, t->cap = cap;
    }
    t->v[t->n].key = strdup(key);
    t->v[t->n].value = strdup(value);
    if (t->v[t->n].key != NULL && t->v[t->n].value != NULL)
        t->n++;
    else {
        free(t->v[t->n].key);
        free(t->v[t->n].value);
    }
}

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].key);
        free(t->v[i].value);
    }
    free(t->v);
}

/* Postfix folds table keys to lower case, as forcetls matches domains. */
static const char *table_get(const struct table *t, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcasecmp(t->v[i].key, key) == 0)
            return t->v[i].value;
    return NULL;
}

/* What one table says about our keys, against forcetls tlspolicy. */
struct compare {
    const struct ft_conf *conf;
    const struct postconf *pc;
    const struct table *map;
    size_t present, differ, too_new;
    char differing[512], newer[512];
    const char *attr;
};

static void list_add(char *list, size_t len, size_t nth, const char *key)
{
    size_t used = strlen(list);

    if (nth < LIST_MAX)
        snprintf(list + used, len - used, "%s\"%s\"", nth ? ", " : "", key);
    else if (nth == LIST_MAX)
        snprintf(list + used, len - used, ", ...");
}

static void compare_key(const struct ft_connector *c, const char *pattern,
                        const char *key, void *arg)
{
    struct compare *cmp = arg;
    const struct ft_connector *owner = tlspolicy_lookup(cmp->conf, key);
    const char *have = table_get(cmp->map, key), *attr;
    char want[POLICY_MAX];

    (void)c, (void)pattern;
    if (have != NULL)
        cmp->present++;
    if (have != NULL && (attr = too_new(cmp->pc, have)) != NULL) {
        list_add(cmp->newer, sizeof(cmp->newer), cmp->too_new++, key);
        cmp->attr = attr;
    }
    /* A monitored domain is served as nothing; a connector that cannot be
     * rendered has no right entry (forcetls tlspolicy says why). */
    if (owner == NULL ? have == NULL
        : have != NULL && tlspolicy_render(owner, want, sizeof(want)) > 0
          && strcmp(have, want) == 0)
        return;
    list_add(cmp->differing, sizeof(cmp->differing), cmp->differ++, key);
}

/* A static map found: is it what forcetls tlspolicy writes today? */
static void report_static(const char *entry, const struct compare *cmp,
                          const struct postconf *pc, struct findings *f)
{
    if (cmp->too_new > 0)
        findings_add(f, FINDING_ERROR, "postfix-policy-attributes", "%s: "
                     "the entries for %s use %s, which Postfix %s does not "
                     "read: every delivery there is deferred; regenerate "
                     "the map with this forcetls tlspolicy", entry,
                     cmp->newer, cmp->attr, postconf_value(pc, "mail_version"));
    if (cmp->differ > 0)
        findings_add(f, FINDING_WARNING, "postfix-policy-map-stale", "%s is "
                     "a static map that differs from forcetls tlspolicy for "
                     "%s: Postfix applies the old policy there; run "
                     "forcetls tlspolicy > FILE && postmap FILE again",
                     entry, cmp->differing);
    else
        findings_add(f, FINDING_OK, "postfix-policy-maps", "smtp_tls_policy_"
                     "maps %s holds what forcetls tlspolicy writes now",
                     entry);
}

/* A table asked before ours that may answer for partner domains. */
static void report_shadow(const char *entry, const char *known,
                          struct findings *f)
{
    findings_add(f, FINDING_WARNING, "postfix-policy-maps-order",
                 "smtp_tls_policy_maps asks %s%s%s%s before forcetls: "
                 "Postfix takes the first table that answers, so a partner "
                 "domain it knows gets its policy, not the connector's; "
                 "list forcetls first", entry, known ? " (" : "",
                 known ? known : "", known ? ")" : "");
}

static void missing(const struct ft_conf *conf, const struct postconf *pc,
                    const char *maps, struct findings *f)
{
    struct sock ours;
    bool have = conf->policyd.tlsmap_listen.n > 0
        && sock_from_listen(conf->policyd.tlsmap_listen.v[0], &ours);
    struct spelling sp;

    check_spelling(pc, have ? &ours : NULL, &sp);
    findings_add(f, FINDING_ERROR, "postfix-policy-maps", "outbound "
                 "connectors exist, but smtp_tls_policy_maps = %s does "
                 "not ask forcetls-policyd: add socketmap:%s:%s%s (or a "
                 "static map made with forcetls tlspolicy | postmap)",
                 *maps ? maps : "(empty)", sp.name,
                 conf->policyd.tlsmap_name, sp.note);
}

/* An indexed table: 1 when it is forcetls's static map (it holds one of
 * the connectors' keys; findings made), 0 when it holds none. */
static int try_static(const struct ft_conf *conf, const struct postconf *pc,
                      const char *entry, struct findings *f)
{
    struct table map = { 0 };
    struct compare cmp = { .conf = conf, .pc = pc, .map = &map };
    char err[512];

    if (postconf_dump(pc, entry, table_add, &map, err, sizeof(err)) != 0) {
        findings_add(f, FINDING_WARNING, "postfix-policy-maps", "%s cannot "
                     "be read (%s), so what it answers was not checked",
                     entry, err);
        table_free(&map);
        return 0;
    }
    tlspolicy_each_key(conf, compare_key, &cmp);
    if (cmp.present > 0)
        report_static(entry, &cmp, pc, f);
    table_free(&map);
    return cmp.present > 0;
}

static const struct pc_service *smtp_service(const struct postconf *pc)
{
    for (size_t i = 0; i < pc->nservices; i++)
        if (strcmp(pc->services[i].name, "smtp") == 0
            && strcmp(pc->services[i].type, "unix") == 0)
            return &pc->services[i];
    return NULL;
}

void check_policy_maps(const struct ft_conf *conf, const struct postconf *pc,
                       struct findings *f)
{
    const struct pc_service *svc = smtp_service(pc);
    const char *maps = svc ? postconf_service_get(pc, svc,
                                                  "smtp_tls_policy_maps")
                           : postconf_get(pc, "smtp_tls_policy_maps");
    const char *qdir = postconf_value(pc, "queue_directory");
    size_t n, i;
    char **v = postconf_list(maps ? maps : "", &n);

    for (i = 0; i < n; i++) {
        if (is_our_socketmap(conf, v[i], qdir, svc != NULL && svc->chroot)) {
            findings_add(f, FINDING_OK, "postfix-policy-maps", "smtp_tls_"
                         "policy_maps asks forcetls-policyd's socketmap "
                         "\"%s\"", conf->policyd.tlsmap_name);
            break;
        }
        if (!is_indexed(v[i]))
            report_shadow(v[i], known_service(v[i]), f);
        else if (try_static(conf, pc, v[i], f) == 1)
            break;
    }
    if (i == n)
        missing(conf, pc, maps ? maps : "", f);
    postconf_list_free(v, n);
}
