/* xtext.h - RFC 3461 xtext, as in Postfix policy attributes and Sendmail
 * certificate macros. */
#ifndef FT_XTEXT_H
#define FT_XTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Decode in into out (NUL-terminated); false on a bad "+XX" escape, an
 * encoded NUL, or when out is too small. */
bool xtext_decode(const char *in, char *out, size_t len);

#endif
