/* domain.c - domain names as connectors and addresses carry them; a name
 * is either normalized (lower case, no trailing dot) or refused. */
#include <string.h>

#include "domain.h"

/* Letters, digits, '-' and '_' (seen in real host names); anything else,
 * including non-ASCII and '*', is not part of a name we can match. */
static bool name_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Length of the name without one trailing dot; 0 when it is not valid. */
static size_t name_length(const char *in)
{
    size_t n = strlen(in), label = 0;

    if (n > 0 && in[n - 1] == '.')
        n--;
    if (n == 0 || n > FT_DOMAIN_MAX - 1)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '.') {
            if (label == 0)
                return 0;
            label = 0;
        } else if (!name_byte((unsigned char)in[i]) || ++label > 63) {
            return 0;
        }
    }
    return label == 0 ? 0 : n;
}

bool domain_normalize(const char *in, char *out, size_t len)
{
    size_t n;

    if (in == NULL || (n = name_length(in)) == 0 || n >= len)
        return false;
    /* Byte by byte, so that in and out may be the same buffer. */
    for (size_t i = 0; i < n; i++)
        out[i] = lower(in[i]);
    out[n] = '\0';
    return true;
}

const char *domain_pattern_base(const char *pattern, bool *wildcard)
{
    bool wild = pattern[0] == '*' && pattern[1] == '.';

    if (wildcard != NULL)
        *wildcard = wild;
    return wild ? pattern + 2 : pattern;
}

bool domain_pattern_parse(const char *in, char *out, size_t len,
                          bool *wildcard)
{
    bool wild;

    if (in == NULL)
        return false;
    in = domain_pattern_base(in, &wild);
    if (!domain_normalize(in, out, len))
        return false;
    *wildcard = wild;
    return true;
}

/* Skip spaces and one pair of angle brackets: "<a@b.c>" and "a@b.c" are
 * the same address. */
static void address_bounds(const char *addr, const char **start,
                           const char **end)
{
    const char *s = addr, *e = addr + strlen(addr);

    while (*s == ' ' || *s == '\t')
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    if (s < e && *s == '<')
        s++;
    if (e > s && e[-1] == '>')
        e--;
    *start = s;
    *end = e;
}

const char *address_bare(const char *addr, size_t *len)
{
    const char *s, *e;

    address_bounds(addr != NULL ? addr : "", &s, &e);
    *len = (size_t)(e - s);
    return s;
}

bool address_domain(const char *addr, char *out, size_t len)
{
    char buf[FT_DOMAIN_MAX + 1];
    const char *s, *e, *at = NULL;
    size_t n;

    if (addr == NULL)
        return false;
    address_bounds(addr, &s, &e);
    /* The last '@': a quoted local part or a source route may hold more. */
    for (const char *p = s; p < e; p++) {
        if (*p == '@')
            at = p;
    }
    if (at == NULL || (n = (size_t)(e - at - 1)) >= sizeof(buf))
        return false;
    memcpy(buf, at + 1, n);
    buf[n] = '\0';
    return domain_normalize(buf, out, len);
}
