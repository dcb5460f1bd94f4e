/* probe.h - what forcetls probe saw of one server, and how it prints it. */
#ifndef FT_PROBE_H
#define FT_PROBE_H

#include <stdbool.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "conf.h"
#include "smtpclient.h"

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
    const char *trust_source;         /* CA file or "system CAs" */
    bool host_ok;                     /* leaf matches host (X509_check_host) */
};

/* The session and every certificate of the chain, leaf first. */
void probe_print_server(const struct probe_view *v);

/* A certificate in full: names, O/OU, issuer, key, signature, validity,
 * fingerprints. */
void probe_print_cert(X509 *x, int depth, const char *indent);

/* Verify leaf with the chain the server sent against the connector's
 * trust_anchor_files, else cafile, else OpenSSL's default CAs; the
 * verified chain (free it), or NULL with why and against what. */
STACK_OF(X509) *probe_verify_chain(X509 *leaf, STACK_OF(X509) *sent,
                                  const struct ft_connector *c,
                                  const char *cafile, bool *ok,
                                  const char **why, const char **source);

/* The connector's verdict on what was seen; 1 when it fails, else 0. */
int probe_judge_outbound(const struct ft_connector *c,
                         const struct probe_view *v, X509 *leaf);

/* The verdict our inbound side would give this client, presenting
 * client_cert (verified against cafile) if not NULL; 1 when refused. */
int probe_judge_inbound(const struct ft_conf *conf,
                        const struct ft_connector *c, const char *client_cert,
                        const char *cafile, const struct smtp_session *s,
                        const struct probe_view *v);

#endif
