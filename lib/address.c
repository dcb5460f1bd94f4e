/* address.c - envelope addresses: brackets dropped, the domain after the
 * last '@', and every domain the address can end up at. Postfix's
 * trivial-rewrite strips a source route ("@a,@b:user@site"), and by
 * default rewrites "user%domain" and "site!user" to "user@domain" and
 * "user@site" (allow_percent_hack, swap_bangpath) and looks inside quotes
 * (resolve_dequoted_address), so "ceo%partner@us" may be delivered to
 * ceo@partner after it was judged as mail for us. Every domain named
 * that way is returned: a connector covering any of them is decided,
 * which can only make a verdict stricter. */
#include <idn2.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"

/* Skip spaces and one pair of angle brackets: "<a@b.c>" and "a@b.c" are
 * the same address. Returns the start; *end is set past the last byte. */
static const char *address_bounds(const char *addr, const char **end)
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
    *end = e;
    return s;
}

const char *address_bare(const char *addr, size_t *len)
{
    const char *end;
    const char *start = address_bounds(addr != NULL ? addr : "", &end);

    *len = (size_t)(end - start);
    return start;
}

bool address_domain(const char *addr, char *out, size_t len)
{
    char buf[FT_DOMAIN_MAX + 1];
    const char *s, *e, *at = NULL;
    size_t n;

    if (addr == NULL)
        return false;
    s = address_bounds(addr, &e);
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

/* A copy of addr with brackets, spaces, quotes and backslash escapes
 * dropped (what resolve_dequoted_address looks at), source route cut;
 * NULL when out of memory. */
static char *dequote(const char *addr)
{
    size_t blen, n = 0;
    const char *s = address_bare(addr, &blen), *colon;
    char *out;

    if (blen > 0 && s[0] == '@' && (colon = memchr(s, ':', blen)) != NULL) {
        blen -= (size_t)(colon + 1 - s);
        s = colon + 1;
    }
    if ((out = malloc(blen + 1)) == NULL)
        return NULL;
    for (size_t i = 0; i < blen; i++) {
        if (s[i] == '"')
            continue;
        if (s[i] == '\\' && i + 1 < blen)
            i++;
        out[n++] = s[i];
    }
    out[n] = '\0';
    return out;
}

/* A name as Postfix routes it: trailing dots dropped (Postfix drops one
 * and leaves "x.." to fail later; for matching, "x.." is still x), UTF-8
 * labels turned into A-labels as Postfix does for lookups. */
static bool route_name(char *name, char *out, size_t len)
{
    size_t n = strlen(name);
    char *ascii = NULL;
    bool ok;

    while (n > 0 && name[n - 1] == '.')
        name[--n] = '\0';
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)name[i] >= 0x80) {
            if (idn2_to_ascii_8z(name, &ascii, IDN2_NFC_INPUT
                                 | IDN2_NONTRANSITIONAL) != IDN2_OK)
                return false;
            break;
        }
    }
    ok = domain_normalize(ascii != NULL ? ascii : name, out, len);
    idn2_free(ascii);
    return ok;
}

static bool seen(const struct ft_address_domains *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->v[i], name) == 0)
            return true;
    return false;
}

/* Add name when it reads as a domain; -1 when there is no room. */
static int add(struct ft_address_domains *d, char *name)
{
    char norm[FT_DOMAIN_MAX];

    if (!route_name(name, norm, sizeof(norm)) || seen(d, norm))
        return 0;
    if (d->n == FT_ADDRESS_DOMAINS)
        return -1;
    memcpy(d->v[d->n++], norm, sizeof(norm));
    return 0;
}

/* The sites of a routed local part: every piece between '@', '%' and '!'
 * but the user's own, the first one in "user%site" and the last one in
 * "site!user". */
static int add_routed(struct ft_address_domains *d, char *local)
{
    char prev = '\0', next, *p = local, *sep;

    for (;;) {
        sep = strpbrk(p, "@%!");
        next = sep != NULL ? *sep : '\0';
        if (sep != NULL)
            *sep = '\0';
        if (!(prev == '\0' && (next == '%' || next == '@'))
            && !(next == '\0' && prev == '!') && add(d, p) != 0)
            return -1;
        if (sep == NULL)
            return 0;
        prev = next;
        p = sep + 1;
    }
}

int address_domains(const char *addr, struct ft_address_domains *out)
{
    char *text, *at;
    int rc = -1;

    out->n = 0;
    if (addr == NULL)
        return 0;
    if ((text = dequote(addr)) == NULL)
        return -1;
    if ((at = strrchr(text, '@')) != NULL) {
        *at = '\0';
        if (add(out, at + 1) != 0)
            goto out;
    }
    if (strpbrk(text, "@%!") != NULL && add_routed(out, text) != 0)
        goto out;
    rc = 0;
out:
    free(text);
    return rc;
}
