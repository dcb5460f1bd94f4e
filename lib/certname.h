/* certname.h - certificate names as Postfix and Sendmail report them. */
#ifndef FT_CERTNAME_H
#define FT_CERTNAME_H

#include <stdbool.h>
#include <stddef.h>

/* Case-insensitive match of a certificate_names/certificate_issuers entry
 * against a CN: exact, or "*.example.com" for exactly one more label. */
bool certname_match(const char *pattern, const char *cn);

/* Reduce a subject to its CN: Postfix already sends the CN; Sendmail sends
 * an xtext-encoded one-line DN ("/C=US/O=X/CN=mx.example.com"), and an
 * RFC 2253 DN ("CN=mx,O=X") is handled too. A DN without CN yields "". */
void certname_from_subject(const char *subject, char *out, size_t len);

#endif
