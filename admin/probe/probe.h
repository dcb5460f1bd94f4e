/* probe.h - forcetls probe's room: reaching a server (probe_connect.c),
 * judging what it showed (probe_judge.c), printing it (probe_print.c),
 * and every outbound partner at once (probe_all.c). */
#ifndef FT_PROBE_H
#define FT_PROBE_H

#include <limits.h>
#include <stdbool.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "conf.h"
#include "mx.h"
#include "outbound.h"
#include "revoke.h"
#include "smtpclient.h"
#include "tool.h"

struct probe_opts {
    const char *conf_path;
    const char *connector;
    const char *client_cert, *client_key;
    const char *cafile;
    const char *helo;
    int timeout;                      /* seconds for a server's exchange */
    int deadline;                     /* --all: seconds for all of it */
    long until_ms;                    /* tool_clock_ms() of that, or 0 */
    const char *target;
    bool revocation;
    bool all;
    char **hosts;                     /* --host DOMAIN=HOST:PORT */
    size_t nhosts;
    struct tool_allowed allowed;      /* --allow-endpoint */
};

/* What the Postfix SMTP client trusts and how it matches names: its
 * smtp_tls_CAfile and smtp_tls_CApath (or --cafile), from postconf. */
struct probe_postfix {
    char cafile[PATH_MAX];            /* "" when none */
    char capath[PATH_MAX];
    bool default_cas;                 /* tls_append_default_CA, or none */
    bool multi_label;                 /* tls_wildcard_matches_multiple_labels */
    char source[2 * PATH_MAX + 64];   /* in words, for the report */
};

struct target {
    char name[MX_NAME];          /* the domain, or the host as given */
    char hosts[MX_MAX][MX_NAME]; /* servers to try, best first */
    size_t nhosts;
    char port[16];
};

struct probe_view {
    const char *nexthop;              /* the domain (or host) probed */
    const char *host;                 /* the server connected to */
    char banner[SMTP_TEXT];
    const char *protocol;
    const char *cipher;
    int bits;
    STACK_OF(X509) *chain;            /* verified chain, else as sent */
    bool has_cert;
    bool chain_ok;
    const char *verify_error;         /* why not, when !chain_ok */
    char missing_root[512];           /* "root 'X' is not in F", or "" */
    const char *trust_source;         /* CA file or "system CAs" */
    bool host_ok;                     /* leaf matches host (X509_check_host) */
};

/* One server seen: the session, what it showed, the verified chain. */
struct probe_seen {
    struct smtp_session s;
    struct probe_view v;
    X509 *leaf;
    STACK_OF(X509) *verified;
};

/* Postfix's trust settings as postconf reports them, or --cafile. */
void probe_postfix_load(const char *cafile, struct probe_postfix *pf);

/* "[host]:port", "[host]", "host:port": that server, no MX lookup, as in
 * Postfix's nexthop syntax; a bare name: its MX hosts, else itself. */
int probe_resolve(const char *arg, struct target *t, char *err,
                  size_t errlen);

/* Connect to t's servers in turn until one completes STARTTLS, and
 * verify what it showed; with verbose, print the server as it goes.
 * 0, or a sysexits code with why in err. Free ps with probe_seen_free. */
int probe_connect(const struct probe_opts *o, const struct target *t,
                  const struct ft_connector *c, const struct probe_postfix *pf,
                  bool verbose, struct probe_seen *ps, char *err,
                  size_t errlen);
void probe_seen_free(struct probe_seen *ps);

/* forcetls probe --all: one monitoring line per outbound connector. */
int probe_all(const struct probe_opts *o);

/* What a --revocation check of one chain may spend: its endpoints, and
 * no more time than one server's exchange (nor beyond --all's deadline). */
void probe_revocation_budget(const struct probe_opts *o,
                             struct rev_budget *b);

/* The session and every certificate of the chain, leaf first. */
void probe_print_server(const struct probe_view *v);

/* A certificate in full: names, O/OU, issuer, key, signature, validity,
 * fingerprints. */
void probe_print_cert(X509 *x, int depth, const char *indent);

/* Verify leaf with the chain the server sent against the connector's
 * trust_anchor_files, else Postfix's CAs; the verified chain (free it),
 * or NULL with why, against what, and the root that is missing. */
STACK_OF(X509) *probe_verify_chain(X509 *leaf, STACK_OF(X509) *sent,
                                  const struct ft_connector *c,
                                  const struct probe_postfix *pf,
                                  struct probe_view *v);

/* Verify a client certificate as our smtpd would, against cafile (NULL:
 * OpenSSL's default CAs): true when trusted, else why. */
bool probe_verify_client(X509 *leaf, STACK_OF(X509) *rest, const char *cafile,
                         const char **why, const char **source);

/* The connector's judgement of what was seen, as Postfix's SMTP client
 * (and min_key_bits) would give it. */
enum ft_judgement probe_outbound_verdict(const struct ft_connector *c,
                                         const struct probe_view *v,
                                         X509 *leaf, bool multi_label,
                                         struct ft_result *r);

/* The connector's verdict on what was seen, printed; 1 when it fails. */
int probe_judge_outbound(const struct ft_connector *c,
                         const struct probe_view *v, X509 *leaf,
                         bool multi_label);

/* The verdict our inbound side would give this client, presenting
 * client_cert (verified against cafile) if not NULL; 1 when refused. */
int probe_judge_inbound(const struct ft_conf *conf,
                        const struct ft_connector *c, const char *client_cert,
                        const char *cafile, const struct smtp_session *s,
                        const struct probe_view *v);

#endif
