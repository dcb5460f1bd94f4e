/* trusted.h - trusted_clients: hops (a content filter reinjecting mail,
 * an internal relay) whose connections no connector judges. */
#ifndef FT_TRUSTED_H
#define FT_TRUSTED_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "tlsfacts.h"

/* The client's address lies in one of conf's trusted_clients. */
bool trusted_client(const struct ft_conf *conf, const struct ft_client *c);

/* The one line both daemons write for such a connection, at most once
 * per connection (forcetls test shows it). */
void trusted_format(char *buf, size_t len, const struct ft_client *c);
void trusted_log(const struct ft_client *c);

#endif
