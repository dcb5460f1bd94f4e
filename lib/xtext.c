/* xtext.c - RFC 3461 xtext decoding; a bad escape, an encoded NUL or a
 * result that does not fit is refused, never truncated. */
#include "hex.h"
#include "xtext.h"

/* Other bytes pass as they are: Sendmail leaves '=' unencoded, for one. */
bool xtext_decode(const char *in, char *out, size_t len)
{
    size_t n = 0;

    if (in == NULL || len == 0)
        return false;
    while (*in != '\0') {
        int c = (unsigned char)*in++;

        if (c == '+') {
            int hi = hex_value(in[0]), lo = hi < 0 ? -1 : hex_value(in[1]);

            if (lo < 0 || (c = hi * 16 + lo) == 0)
                return false;
            in += 2;
        }
        if (n + 1 >= len)
            return false;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return true;
}
