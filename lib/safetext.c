/* safetext.c - outside text escaped for people: UTF-8 is decoded by hand
 * (strictly: no overlong forms, no surrogates, nothing past U+10FFFF), so
 * that a byte which does not start a valid character is shown as a byte,
 * and the characters that can make one name look like another are shown
 * by their number. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "safetext.h"

/* The length of the valid UTF-8 character at p (at most n bytes), its
 * code point in *cp; 0 when the bytes there are not one. */
static size_t utf8_char(const unsigned char *p, size_t n, uint32_t *cp)
{
    size_t len;
    uint32_t c, min;

    if (p[0] < 0x80)
        return *cp = p[0], 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2, c = p[0] & 0x1f, min = 0x80;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3, c = p[0] & 0x0f, min = 0x800;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4, c = p[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* Characters that reorder or hide text, or that are controls. */
static bool deceptive(uint32_t c)
{
    return (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x00ad
        || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2060 && c <= 0x2069) || c == 0xfeff;
}

/* Append piece (plen bytes) if all of it fits before the NUL. */
static bool put(char *out, size_t len, size_t *o, const char *piece,
                size_t plen)
{
    if (*o + plen >= len)
        return false;
    memcpy(out + *o, piece, plen);
    *o += plen;
    return true;
}

char *safetext_n(char *out, size_t len, const char *in, size_t n)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t o = 0, i = 0, clen;
    char esc[16];
    uint32_t c;

    while (i < n) {
        clen = utf8_char(p + i, n - i, &c);
        if (clen == 0 || c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof(esc), "\\x%02X", p[i]);
            clen = 1;
        } else if (deceptive(c)) {
            snprintf(esc, sizeof(esc), "\\u{%04X}", (unsigned)c);
        } else if (c == '\\') {
            snprintf(esc, sizeof(esc), "\\\\");
        } else {
            if (!put(out, len, &o, in + i, clen))
                break;
            i += clen;
            continue;
        }
        if (!put(out, len, &o, esc, strlen(esc)))
            break;
        i += clen;
    }
    out[o] = '\0';
    return out;
}

char *safetext(char *out, size_t len, const char *in)
{
    return safetext_n(out, len, in, strlen(in));
}
