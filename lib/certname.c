/* certname.c - certificate names: matching a listed name against a CN,
 * and reducing a Postfix CN, a Sendmail one-line DN or an RFC 2253 DN to
 * the CN; anything unreadable, too long or holding a control byte becomes
 * "", which matches no name. */
#include <stdlib.h>
#include <string.h>

#include "certname.h"
#include "xtext.h"

/* ASCII only: the C library's idea of case depends on the locale. */
static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_text(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return false;
    for (size_t i = 0; i < alen; i++) {
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

/* Length without one trailing dot. */
static size_t name_len(const char *s)
{
    size_t n = strlen(s);

    return n > 0 && s[n - 1] == '.' ? n - 1 : n;
}

bool certname_match(const char *pattern, const char *cn)
{
    size_t plen, clen;
    const char *dot;

    if (pattern == NULL || cn == NULL)
        return false;
    plen = name_len(pattern);
    clen = name_len(cn);
    /* A certificate without a CN is verified but names nobody. */
    if (plen == 0 || clen == 0)
        return false;
    if (plen < 3 || pattern[0] != '*' || pattern[1] != '.')
        return same_text(pattern, plen, cn, clen);
    /* "*.example.com": one non-empty label, then exactly example.com. */
    dot = memchr(cn, '.', clen);
    if (dot == NULL || dot == cn)
        return false;
    return same_text(pattern + 2, plen - 2, dot + 1,
                     clen - (size_t)(dot + 1 - cn));
}

/* Does name end in ".suffix", with at least one label before it? */
static bool below(const char *name, size_t nlen, const char *suffix,
                  size_t slen)
{
    return nlen > slen + 1 && name[nlen - slen - 1] == '.'
        && same_text(name + nlen - slen, slen, suffix, slen);
}

bool certname_postfix_match(const char *pattern, const char *certid,
                            bool multi_label)
{
    size_t plen, clen;
    const char *parent;

    if (pattern == NULL || certid == NULL)
        return false;
    plen = name_len(pattern);
    clen = name_len(certid);
    if (plen == 0 || clen == 0)
        return false;
    /* ".x": any name below x, at any depth; a certid "*.x" is one. */
    if (pattern[0] == '.')
        return plen > 1 && below(certid, clen, pattern + 1, plen - 1);
    if (same_text(pattern, plen, certid, clen))
        return true;
    /* A certid "*.rest": the '*' stands for the left-most label of the
     * pattern, or with tls_wildcard_matches_multiple_labels for one or
     * more labels; it is special only as the whole first label. */
    if (clen < 3 || certid[0] != '*' || certid[1] != '.')
        return false;
    if (multi_label)
        return below(pattern, plen, certid + 2, clen - 2);
    parent = memchr(pattern, '.', plen);
    return parent != NULL && parent != pattern
        && same_text(parent + 1, plen - (size_t)(parent + 1 - pattern),
                     certid + 2, clen - 2);
}

/* The length of "type=" at s (letters, digits, '.', '-'), with the '='
 * also taken xtext-encoded ("+3D"); 0 when s does not start one. */
static size_t attr_type_len(const char *s)
{
    size_t n = 0;

    while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z')
           || (s[n] >= '0' && s[n] <= '9') || s[n] == '.' || s[n] == '-')
        n++;
    if (n == 0)
        return 0;
    if (s[n] == '=')
        return n + 1;
    return strncmp(s + n, "+3D", 3) == 0 || strncmp(s + n, "+3d", 3) == 0
           ? n + 3 : 0;
}

static bool is_cn(const char *s)
{
    return lower(s[0]) == 'c' && lower(s[1]) == 'n' && s[2] == '=';
}

/* "CN=" or "CN+3D" in Sendmail's encoded DN. */
static bool is_encoded_cn(const char *s)
{
    size_t n = attr_type_len(s);

    return lower(s[0]) == 'c' && lower(s[1]) == 'n' && (n == 3 || n == 5);
}

static bool has_control(const char *s)
{
    for (; *s != '\0'; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* The xtext value[0..n) decoded into out; "" when it is malformed, does
 * not fit, or holds a control byte (no certificate name has one). */
static void put_decoded(char *out, size_t len, const char *value, size_t n)
{
    char *raw = strndup(value, n);

    if (raw == NULL || !xtext_decode(raw, out, len) || has_control(out))
        out[0] = '\0';
    free(raw);
}

/* "/C=US/O=X/CN=mx", xtext-encoded by Sendmail: components start at a '/'
 * followed by "type=", found in the encoded text so that an encoded '/'
 * ("+2F") stays inside its value; the value is decoded after. Sendmail's
 * X509_NAME_oneline() does not escape a '/' inside a value, so a value
 * such as "x/CN=victim" reads as a second CN: a DN with two CNs is
 * ambiguous and names nobody. */
static void sendmail_cn(const char *dn, char *out, size_t len)
{
    const char *value = NULL, *end = NULL;

    out[0] = '\0';
    for (const char *p = dn; *p != '\0'; p++) {
        if (*p != '/' || attr_type_len(p + 1) == 0)
            continue;
        if (value != NULL && end == NULL)
            end = p;
        if (is_encoded_cn(p + 1)) {
            if (value != NULL)
                return;
            value = p + 1 + attr_type_len(p + 1);
            end = NULL;
        }
    }
    if (value != NULL)
        put_decoded(out, len, value, end != NULL ? (size_t)(end - value)
                                                 : strlen(value));
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool rdn_end(char c)
{
    return c == '\0' || c == ',' || c == ';' || c == '+';
}

/* One escape at v ("\\," or "\\2C"): the byte, and how far to step;
 * 0 when it is malformed or an encoded NUL. */
static size_t rfc2253_escape(const char *v, char *c)
{
    if (hex_digit(v[1]) >= 0 && hex_digit(v[2]) >= 0) {
        *c = (char)(hex_digit(v[1]) * 16 + hex_digit(v[2]));
        return *c != '\0' ? 3 : 0;
    }
    *c = v[1];
    return v[1] != '\0' ? 2 : 0;
}

/* One RFC 2253 value up to an unescaped ',', ';' or '+', with escapes
 * undone; "" when it does not fit or is malformed. */
static void rfc2253_value(const char *v, char *out, size_t len)
{
    size_t n = 0, step;
    char c;

    for (; !rdn_end(*v); v += step) {
        c = *v;
        step = c == '\\' ? rfc2253_escape(v, &c) : 1;
        if (step == 0 || n + 1 >= len) {
            out[0] = '\0';
            return;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    if (has_control(out))
        out[0] = '\0';
}

/* The first "CN=" component (spaces allowed before it): RFC 2253 lists the
 * most specific RDN first. Escaped separators are skipped, so a value
 * holding "\,CN=victim" cannot pose as a component. NULL when none. */
static const char *rfc2253_find_cn(const char *p)
{
    for (;;) {
        while (*p == ' ')
            p++;
        if (is_cn(p))
            return p + 3;
        while (!rdn_end(*p)) {
            if (*p == '\\' && p[1] != '\0')
                p++;
            p++;
        }
        if (*p == '\0')
            return NULL;
        p++;
    }
}

/* "CN=mx,O=X" or "O=X, CN=mx": the subject opens with "type=" (an '='
 * before any ',' or space). */
static bool looks_rfc2253(const char *s)
{
    while (*s == ' ')
        s++;
    return attr_type_len(s) > 0;
}

/* The RDN after the one p is in, or NULL at the end. */
static const char *rfc2253_next(const char *p)
{
    while (!rdn_end(*p)) {
        if (*p == '\\' && p[1] != '\0')
            p++;
        p++;
    }
    return *p != '\0' ? p + 1 : NULL;
}

void certname_from_dn(const char *dn, char *out, size_t len)
{
    const char *cn, *next;

    if (len == 0)
        return;
    out[0] = '\0';
    if (dn == NULL)
        return;
    if (dn[0] == '/')
        sendmail_cn(dn, out, len);
    else if (looks_rfc2253(dn) && (cn = rfc2253_find_cn(dn)) != NULL
             && ((next = rfc2253_next(cn)) == NULL
                 || rfc2253_find_cn(next) == NULL))
        rfc2253_value(cn, out, len);
}
