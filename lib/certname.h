/* certname.h - certificate names as Postfix and Sendmail report them. */
#ifndef FT_CERTNAME_H
#define FT_CERTNAME_H

#include <stdbool.h>
#include <stddef.h>

/* Case-insensitive match of a certificate_names/certificate_issuers entry
 * against a CN: exact, or "*.example.com" for exactly one more label. */
bool certname_match(const char *pattern, const char *cn);

/* Reduce a DN to its CN: Sendmail's xtext-encoded one-line DN
 * ("/C=US/O=X/CN=mx.example.com") or an RFC 2253 DN ("CN=mx,O=X"). ""
 * when it is not a DN, has no CN or more than one, cannot be decoded, or
 * the CN does not fit. (Postfix sends the CN itself: never parse it.) */
void certname_from_dn(const char *dn, char *out, size_t len);

#endif
