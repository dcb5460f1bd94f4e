/* mx.c - MX records with libresolv: ordered by preference, the null MX
 * (RFC 7505, ".") reported as "accepts no mail". The answer is read into
 * room for the largest DNS message, and res_query()'s length (the
 * answer's, not what it copied) is never trusted beyond that room. */
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mx.h"

struct mx {
    unsigned pref;
    char name[MX_NAME];
};

static int by_pref(const void *a, const void *b)
{
    const struct mx *x = a, *y = b;

    return x->pref < y->pref ? -1 : x->pref > y->pref;
}

/* Where a record of preference pref goes among the count kept: a free
 * place, the place of the least preferred one if pref is better, or -1. */
static int place_for(const struct mx *found, int count, unsigned pref)
{
    int worst = 0;

    if (count < MX_MAX)
        return count;
    for (int i = 1; i < count; i++)
        if (found[i].pref > found[worst].pref)
            worst = i;
    return pref < found[worst].pref ? worst : -1;
}

/* The MX_MAX most preferred MX records of an answer of len bytes, in any
 * order; -1 with why in err. */
static int parse_answer(const char *domain, const unsigned char *answer,
                        int len, struct mx *found, char *err, size_t errlen)
{
    ns_msg msg;
    ns_rr rr;
    struct mx one;
    int count = 0, at;

    if (len > NS_MAXMSG || ns_initparse(answer, len, &msg) != 0) {
        snprintf(err, errlen, "MX lookup for %s: malformed answer", domain);
        return -1;
    }
    for (int i = 0; i < ns_msg_count(msg, ns_s_an); i++) {
        if (ns_parserr(&msg, ns_s_an, i, &rr) != 0
            || ns_rr_type(rr) != ns_t_mx || ns_rr_rdlen(rr) < 3)
            continue;
        one.pref = ns_get16(ns_rr_rdata(rr));
        if (dn_expand(ns_msg_base(msg), ns_msg_end(msg), ns_rr_rdata(rr) + 2,
                      one.name, MX_NAME) < 0
            || (at = place_for(found, count, one.pref)) < 0)
            continue;
        found[at] = one;
        count += at == count;
    }
    return count;
}

int mx_lookup(const char *domain, char hosts[][MX_NAME], size_t *n,
              char *err, size_t errlen)
{
    unsigned char *answer = malloc(NS_MAXMSG);
    struct mx found[MX_MAX];
    int len, count = -1;

    *n = 0;
    if (answer == NULL) {
        snprintf(err, errlen, "MX lookup for %s: out of memory", domain);
        return -1;
    }
    if ((len = res_query(domain, ns_c_in, ns_t_mx, answer, NS_MAXMSG)) < 0) {
        /* NXDOMAIN or no MX record: not an error, just no MX. */
        if (h_errno == HOST_NOT_FOUND || h_errno == NO_DATA)
            count = 0;
        else
            snprintf(err, errlen, "MX lookup for %s failed: %s", domain,
                     hstrerror(h_errno));
    } else {
        count = parse_answer(domain, answer, len, found, err, errlen);
    }
    free(answer);
    if (count == 1 && found[0].name[0] == '\0') {
        snprintf(err, errlen, "%s accepts no mail (null MX)", domain);
        return -1;
    }
    if (count <= 0)
        return count;
    qsort(found, (size_t)count, sizeof(found[0]), by_pref);
    for (int i = 0; i < count; i++)
        snprintf(hosts[i], MX_NAME, "%s", found[i].name);
    *n = (size_t)count;
    return 1;
}
