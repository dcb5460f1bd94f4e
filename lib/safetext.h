/* safetext.h - text from outside (a server's banner, a certificate's
 * subject, a value read back from the log) made safe to show to a person:
 * nothing in it can move the cursor, ring, clear a terminal, reorder or
 * hide what follows, or pass for another name. */
#ifndef FT_SAFETEXT_H
#define FT_SAFETEXT_H

#include <stddef.h>

/* in as it may be shown: printable ASCII and valid UTF-8 kept; a control
 * byte, DEL or a byte of invalid UTF-8 written \xNN; a character that
 * reorders or hides text (bidi embeddings, overrides and isolates, zero
 * width spaces and joiners, the byte order mark) or a C1 control written
 * \u{XXXX}; a backslash doubled, so that no escape can be forged. Cut to
 * fit out (of len > 0 bytes), never inside an escape; returns out. */
char *safetext(char *out, size_t len, const char *in);

/* The same for in[0..n), which may hold NUL bytes (\x00). */
char *safetext_n(char *out, size_t len, const char *in, size_t n);

#endif
