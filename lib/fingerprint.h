/* fingerprint.h - certificate and public-key fingerprints as Postfix
 * computes them (smtpd_tls_fingerprint_digest), and pins as people write
 * them. */
#ifndef FT_FINGERPRINT_H
#define FT_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Normalize "AB:CD:..", "abcd..", "SHA256:ab:cd" to upper-case hex with
 * colons, as Postfix logs it; false when it is not an even-length hex
 * string of a known digest size (16, 20, 32 or 64 bytes). */
bool fingerprint_normalize(const char *in, char *out, size_t len);

/* The size in bytes of a digest Postfix may use ("md5" 16, "sha1" 20,
 * otherwise "sha256" 32). */
size_t fingerprint_digest_bytes(const char *digest);

/* The size in bytes of a normalized fingerprint: "AB:CD:EF" is 3 bytes in
 * 8 characters. */
size_t fingerprint_bytes(const char *fp);

/* Read every certificate in a PEM file and append their certificate and
 * public-key fingerprints (normalized) to *pins and *npins. digest: "sha256",
 * "sha1", "md5". */
int fingerprint_pem_file(const char *path, const char *digest,
                         char ***pins, size_t *npins, struct ft_err *err);

#endif
