/* certname.h - certificate names as Postfix and Sendmail report them. */
#ifndef FT_CERTNAME_H
#define FT_CERTNAME_H

#include <stdbool.h>
#include <stddef.h>

/* Case-insensitive match of a certificate_names/certificate_issuers entry
 * against a CN: exact, or "*.example.com" for exactly one more label. */
bool certname_match(const char *pattern, const char *cn);

/* Postfix's SMTP client matching one certificate name (a DNS SAN, or the
 * CN when there is none) against one match= item (smtp_tls_verify_cert_match
 * in postconf(5)): "x" exactly, ".x" any name below x at any depth; a
 * certificate "*.x" covers the item's first label, or one or more labels
 * when multi_label (tls_wildcard_matches_multiple_labels, default yes). */
bool certname_postfix_match(const char *pattern, const char *certid,
                            bool multi_label);

/* Reduce a DN to its CN: Sendmail's xtext-encoded one-line DN
 * ("/C=US/O=X/CN=mx.example.com") or an RFC 2253 DN ("CN=mx,O=X"). ""
 * when it is not a DN, has no CN or more than one, cannot be decoded, or
 * the CN does not fit. (Postfix sends the CN itself: never parse it.) */
void certname_from_dn(const char *dn, char *out, size_t len);

#endif
