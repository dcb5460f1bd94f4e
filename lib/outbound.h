/* outbound.h - an outbound connector against what a server showed: seen
 * by forcetls probe, or as Postfix logged a delivery (forcetls report). */
#ifndef FT_OUTBOUND_H
#define FT_OUTBOUND_H

#include <stdbool.h>
#include <stddef.h>

#include "connector.h"
#include "evaluate.h"
#include "tlsver.h"

/* Postfix's words for a server certificate ("Verified TLS connection
 * established to ..."), weakest first. */
enum ft_trust {
    FT_TRUST_ANONYMOUS,      /* no certificate */
    FT_TRUST_UNTRUSTED,      /* chain not trusted */
    FT_TRUST_TRUSTED,        /* chain trusted, name not checked */
    FT_TRUST_VERIFIED,       /* chain trusted and name matched */
};

struct ft_peer {
    bool encrypted;
    enum ft_tls_version version;
    const char *cipher;              /* "" when not known */
    enum ft_trust trust;
    /* The names Postfix checks: the DNS SANs, or the CN when there are
     * none; NULL: not known. */
    const char *const *names;
    size_t nnames;
    bool multi_label;   /* tls_wildcard_matches_multiple_labels */
    int key_bits;       /* the server's key; 0: not known */
    const char *cert_fp, *pkey_fp;   /* normalized; NULL: not known */
};

enum ft_judgement { FT_JUDGE_FAIL, FT_JUDGE_PASS, FT_JUDGE_UNKNOWN };

/* Would Postfix, given this connector's policy for nexthop (the
 * recipient domain), have delivered over this session? The reason names
 * the first unmet requirement, or what could not be judged and why. */
enum ft_judgement outbound_judge(const struct ft_connector *c,
                                 const struct ft_peer *p, const char *nexthop,
                                 struct ft_result *r);

/* "Anonymous", "Untrusted", "Trusted", "Verified"; false otherwise. */
bool outbound_trust_parse(const char *word, size_t len, enum ft_trust *out);
const char *outbound_trust_name(enum ft_trust t);

#endif
