/* mx.c - MX records with libresolv: ordered by preference, the null MX
 * (RFC 7505, ".") reported as "accepts no mail". */
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

int mx_lookup(const char *domain, char hosts[][MX_NAME], size_t *n,
              char *err, size_t errlen)
{
    unsigned char answer[NS_PACKETSZ * 4];
    struct mx found[MX_MAX];
    ns_msg msg;
    ns_rr rr;
    size_t count = 0;
    int len;

    *n = 0;
    if ((len = res_query(domain, ns_c_in, ns_t_mx, answer,
                         sizeof(answer))) < 0) {
        /* NXDOMAIN or no MX record: not an error, just no MX. */
        if (h_errno == HOST_NOT_FOUND || h_errno == NO_DATA)
            return 0;
        snprintf(err, errlen, "MX lookup for %s failed: %s", domain,
                 hstrerror(h_errno));
        return -1;
    }
    if (ns_initparse(answer, len, &msg) != 0) {
        snprintf(err, errlen, "MX lookup for %s: malformed answer", domain);
        return -1;
    }
    for (int i = 0; i < ns_msg_count(msg, ns_s_an) && count < MX_MAX; i++) {
        if (ns_parserr(&msg, ns_s_an, i, &rr) != 0
            || ns_rr_type(rr) != ns_t_mx || ns_rr_rdlen(rr) < 3)
            continue;
        found[count].pref = ns_get16(ns_rr_rdata(rr));
        if (dn_expand(ns_msg_base(msg), ns_msg_end(msg), ns_rr_rdata(rr) + 2,
                      found[count].name, MX_NAME) >= 0)
            count++;
    }
    if (count == 1 && found[0].name[0] == '\0') {
        snprintf(err, errlen, "%s accepts no mail (null MX)", domain);
        return -1;
    }
    qsort(found, count, sizeof(found[0]), by_pref);
    for (size_t i = 0; i < count; i++)
        snprintf(hosts[i], MX_NAME, "%s", found[i].name);
    *n = count;
    return count > 0 ? 1 : 0;
}
