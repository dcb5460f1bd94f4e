/* test_address.c - envelope addresses: the bare address, its domain, and
 * the domains it can end up at once Postfix has rewritten it: percent
 * hack, bang paths, quoted local parts, source routes, trailing dots, case
 * and UTF-8. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "tap.h"

#define A16 "aaaaaaaaaaaaaaaa"
#define A63 A16 A16 A16 "aaaaaaaaaaaaaaa"

struct domains_case {
    const char *name, *addr;
    int rc;
    const char *want;       /* the domains, space-separated */
};

static const struct domains_case cases[] = {
    { "plain", "a@contoso.example", 0, "contoso.example" },
    { "angle brackets and spaces", " <a@contoso.example> ", 0,
      "contoso.example" },
    { "upper case", "A@Contoso.EXAMPLE", 0, "contoso.example" },
    { "one trailing dot", "a@contoso.example.", 0, "contoso.example" },
    { "two trailing dots", "a@contoso.example..", 0, "contoso.example" },
    { "null sender", "", 0, "" },
    { "null sender in brackets", "<>", 0, "" },
    { "no domain", "postmaster", 0, "" },
    { "empty domain", "a@", 0, "" },
    { "empty label", "a@contoso..example", 0, "" },
    { "percent hack", "ceo%hr.example.net@example.net", 0,
      "example.net hr.example.net" },
    { "percent hack without '@'", "ceo%hr.example.net", 0, "hr.example.net" },
    { "two percents", "a%b.example%c.example@d.example", 0,
      "d.example b.example c.example" },
    { "bang path", "contoso.example!ceo@relay.example", 0,
      "relay.example contoso.example" },
    { "bang path without '@'", "contoso.example!ceo", 0, "contoso.example" },
    { "quoted '@'", "\"ceo@contoso.example\"@relay.example", 0,
      "relay.example contoso.example" },
    { "quoted percent", "\"ceo%contoso.example\"@relay.example", 0,
      "relay.example contoso.example" },
    { "escaped '@'", "ceo\\@contoso.example@relay.example", 0,
      "relay.example contoso.example" },
    { "source route is stripped", "@a.example,@b.example:u@contoso.example",
      0, "contoso.example" },
    { "source route with percent", "@a.example:u%contoso.example@b.example",
      0, "b.example contoso.example" },
    { "UTF-8 domain as A-label", "a@b\xc3\xbc" "cher.example", 0,
      "xn--bcher-kva.example" },
    { "UTF-8 upper case folded", "a@B\xc3\x9c" "CHER.example", 0,
      "xn--bcher-kva.example" },
    { "A-label as is", "a@XN--BCHER-KVA.example", 0, "xn--bcher-kva.example" },
    { "invalid UTF-8 names nothing", "a@b\xc3.example", 0, "" },
    { "IP literal names nothing", "a@[192.0.2.1]", 0, "" },
    { "more sites than can be judged",
      "a%b1.x%b2.x%b3.x%b4.x%b5.x%b6.x%b7.x%b8.x@c.x", -1, "" },
    { "same domain twice counts once", "a%c.example@c.example", 0,
      "c.example" },
};

static void test_domains(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct domains_case *c = &cases[i];
        struct ft_address_domains d;
        char got[1024] = "";
        int rc = address_domains(c->addr, &d);

        for (size_t k = 0; rc == 0 && k < d.n; k++) {
            if (k > 0)
                strcat(got, " ");
            strcat(got, d.v[k]);
        }
        TAP_OK(rc == c->rc && strcmp(got, c->want) == 0, c->name,
               "got rc=%d \"%s\", want rc=%d \"%s\"", rc, got, c->rc,
               c->want);
    }
    TAP_OK(address_domains(NULL, &(struct ft_address_domains){ .n = 3 }) == 0,
           "NULL address", "not 0");
}

struct addr_case {
    const char *name, *in;
    bool ok;
    const char *want;
};

static const struct addr_case addr_cases[] = {
    { "angle brackets", "<a@Contoso.COM>", true, "contoso.com" },
    { "bare", "a@contoso.com", true, "contoso.com" },
    { "trailing dot", "<a@contoso.com.>", true, "contoso.com" },
    { "spaces around", "  <a@contoso.com> ", true, "contoso.com" },
    { "quoted local part with @", "<\"a@b\"@contoso.com>", true,
      "contoso.com" },
    { "source route", "<@relay.example,@r2.example:a@contoso.com>", true,
      "contoso.com" },
    { "null sender", "<>", false, "" },
    { "empty", "", false, "" },
    { "no domain", "<postmaster>", false, "" },
    { "empty domain", "<a@>", false, "" },
    { "address literal", "<a@[192.0.2.1]>", false, "" },
    { "bad domain", "<a@exa mple.com>", false, "" },
    { "domain too long",
      "<a@" A63 "." A63 "." A63 "." A63 ".com>", false, "" },
};

static void test_addresses(void)
{
    char out[FT_DOMAIN_MAX];

    for (size_t i = 0; i < sizeof(addr_cases) / sizeof(addr_cases[0]); i++) {
        const struct addr_case *c = &addr_cases[i];
        bool ok;

        out[0] = '\0';
        ok = address_domain(c->in, out, sizeof(out));
        TAP_INT(ok, c->ok, c->name);
        if (c->ok && ok)
            TAP_STR(out, c->want, c->name);
    }
    TAP_OK(!address_domain(NULL, out, sizeof(out)), "NULL address: no domain",
           "accepted");
}

struct bare_case {
    const char *name, *in, *want;
};

static void test_bare(void)
{
    static const struct bare_case cases[] = {
        { "bare: brackets go", "<a@b.example>", "a@b.example" },
        { "bare: no brackets", "a@b.example", "a@b.example" },
        { "bare: spaces and brackets", " <a@b.example> ", "a@b.example" },
        { "bare: null sender", "<>", "" },
        { "bare: NULL", NULL, "" },
        { "bare: one bracket only", "<a@b.example", "a@b.example" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[64];
        size_t n;
        const char *s = address_bare(cases[i].in, &n);

        snprintf(out, sizeof(out), "%.*s", (int)n, s);
        TAP_STR(out, cases[i].want, cases[i].name);
    }
}

int main(void)
{
    test_domains();
    test_addresses();
    test_bare();
    return tap_done();
}
