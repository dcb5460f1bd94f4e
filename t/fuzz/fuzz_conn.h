/* fuzz_conn.h - bytes from a client, as forcetls-policyd reads them: the
 * input goes down a socket pair to a real connection (policyd/conn.c),
 * answered with the fuzz configuration until it closes. */
#ifndef FT_FUZZ_CONN_H
#define FT_FUZZ_CONN_H

#include <stddef.h>
#include <stdint.h>

#include "conn.h"

/* Feed data to a connection of proto: its first byte is the size of each
 * write (0: all at once), the rest the stream. */
void fuzz_conn(enum ft_proto proto, const uint8_t *data, size_t size);

#endif
