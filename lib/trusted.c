/* trusted.c - trusted_clients: a connection from one of these networks is
 * not judged by any connector; the daemons say so once per connection, in
 * one line the same in both, so that an auditor can count such mail. */
#include <stdio.h>

#include "log.h"
#include "trusted.h"

bool trusted_client(const struct ft_conf *conf, const struct ft_client *c)
{
    /* An address Postfix could not give is never trusted: fail closed. */
    if (!c->addr_valid)
        return false;
    for (size_t i = 0; i < conf->ntrusted; i++)
        if (cidr_contains(&conf->trusted[i], &c->ip))
            return true;
    return false;
}

void trusted_format(char *buf, size_t len, const struct ft_client *c)
{
    snprintf(buf, len, "trusted client %s[%s]: no connector judges its "
             "mail (trusted_clients)", c->name, c->addr);
}

void trusted_log(const struct ft_client *c)
{
    char line[2 * FT_FACT_MAX + 80];

    trusted_format(line, sizeof(line), c);
    log_info("%s", line);
}
