/* test_trusted.c - trusted_clients: which client addresses no connector
 * judges (the daemons and forcetls test ask before deciding), and the one
 * line both daemons write for such a connection. */
#include <string.h>

#include "conf_fixture.h"
#include "tap.h"
#include "trusted.h"

static const char conf_text[] =
    "trusted_clients = { \"10.0.0.0/8\", \"2001:db8::/32\" }\n"
    "connector s1 {\n direction = inbound\n"
    " sender_domains = { \"contoso.example\" }\n}\n";

struct trusted_case {
    const char *name, *addr;
    bool want;
};

static const struct trusted_case cases[] = {
    { "inside a trusted IPv4 network", "10.1.2.3", true },
    { "inside a trusted IPv6 network", "2001:db8::25", true },
    { "IPv4-mapped address in a trusted network", "::ffff:10.0.0.1", true },
    { "next to a trusted network", "11.0.0.1", false },
    { "next to a trusted IPv6 network", "2001:db9::1", false },
    { "no usable address is never trusted", "unknown", false },
    { "an empty address is never trusted", "", false },
};

static void test_cases(const struct ft_conf *conf)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ft_client client;

        client_set(&client, "mx", cases[i].addr);
        TAP_INT(trusted_client(conf, &client), cases[i].want, cases[i].name);
    }
}

static void test_line(void)
{
    struct ft_client client;
    char line[256];

    client_set(&client, "filter.example", "10.1.2.3");
    trusted_format(line, sizeof(line), &client);
    TAP_STR(line, "trusted client filter.example[10.1.2.3]: no connector "
            "judges its mail (trusted_clients)", "the trusted client line");
}

int main(void)
{
    struct ft_conf *conf = fixture_conf(conf_text);

    test_cases(conf);
    test_line();
    conf_unref(conf);
    return tap_done();
}
