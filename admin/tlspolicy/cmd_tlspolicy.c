/* cmd_tlspolicy.c - forcetls tlspolicy: the smtp_tls_policy_maps entries the
 * socketmap would serve, through the same tlspolicy_lookup() and
 * tlspolicy_render(), ready for postmap, for sites that want a static map. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "tlspolicy.h"
#include "tool.h"

#define SYNOPSIS "[-c FILE] [DOMAIN]"
#define POLICY_MAX 4096

/* "KEY VALUE" for what the socketmap answers for key; -1 when the
 * connector cannot be written exactly (the socketmap answers TEMP then). */
static int print_entry(const struct ft_conf *conf,
                       const struct ft_connector *c, const char *key)
{
    char value[POLICY_MAX];
    int n = tlspolicy_render(c, value, sizeof(value));

    if (n < 0 || (size_t)n >= sizeof(value)) {
        fprintf(stderr, TOOL_NAME " tlspolicy: %s:%d: connector \"%s\" cannot "
                "be written as an smtp_tls_policy_maps value (%s); no entry "
                "for %s, fix the connector\n", conf->path, c->line, c->name,
                n < 0 ? "a name or file holds a space, ',' or ':'"
                      : "too long", key);
        return -1;
    }
    printf("%s %s\n", key, value);
    return 0;
}

struct print_all {
    const struct ft_conf *conf;
    int rc;
};

/* Monitor-mode connectors are served as nothing: a comment says so. */
static void print_key(const struct ft_connector *c, const char *pattern,
                      const char *key, void *arg)
{
    struct print_all *pa = arg;
    const struct ft_connector *owner = tlspolicy_lookup(pa->conf, key);

    (void)pattern;
    if (owner == NULL)
        printf("# %s: connector \"%s\" is in monitor mode and not "
               "served; Postfix goes on to the parent domain's key\n",
               key, c->name);
    else if (print_entry(pa->conf, owner, key) != 0)
        pa->rc = EX_DATAERR;
}

/* Every key of every outbound connector, in file order. */
static int print_all(const struct ft_conf *conf)
{
    struct print_all pa = { conf, EX_OK };

    printf("# smtp_tls_policy_maps entries for the outbound connectors of "
           "%s\n# (forcetls tlspolicy; run postmap on this file)\n",
           conf->path);
    tlspolicy_each_key(conf, print_key, &pa);
    return pa.rc;
}

/* Postfix asks for the domain, then ".parent" for each parent domain,
 * and takes the first key found; a monitor-mode answer of NOTFOUND lets a
 * parent's connector apply. Print that key and its value. */
static int print_one(const struct ft_conf *conf, const char *domain)
{
    char key[1024];
    const char *p = domain;

    snprintf(key, sizeof(key), "%s", domain);
    for (;;) {
        const struct ft_connector *c = tlspolicy_lookup(conf, key);

        if (c != NULL)
            return print_entry(conf, c, key) == 0 ? EX_OK : EX_DATAERR;
        if (domain[0] == '[' || (p = strchr(p + 1, '.')) == NULL)
            break;
        snprintf(key, sizeof(key), "%s", p);
    }
    fprintf(stderr, TOOL_NAME " tlspolicy: no enforcing outbound connector "
            "serves \"%s\"; Postfix's own TLS settings apply\n", domain);
    return 1;
}

int cmd_tlspolicy(int argc, char **argv)
{
    const char *conf_path = CONF_DEFAULT_PATH;
    struct ft_conf *conf;
    int ch, rc;

    static const struct option long_opts[] = {
        TOOL_HELP_OPTION,
        { NULL, 0, NULL, 0 },
    };

    while ((ch = getopt_long(argc, argv, "c:", long_opts, NULL)) != -1) {
        if (ch == TOOL_OPT_HELP)
            return tool_help("tlspolicy", SYNOPSIS);
        if (ch != 'c')
            return tool_usage("tlspolicy", SYNOPSIS, NULL);
        conf_path = optarg;
    }
    if (argc - optind > 1)
        return tool_usage("tlspolicy", SYNOPSIS, "one DOMAIN at most");
    if ((conf = tool_conf_load("tlspolicy", conf_path)) == NULL)
        return EX_CONFIG;
    rc = optind < argc ? print_one(conf, argv[optind]) : print_all(conf);
    conf_unref(conf);
    return rc;
}
