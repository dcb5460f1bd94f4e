/* current.h - the configuration new connections use, replaced on reload
 * while connections still holding the old one finish with it. */
#ifndef FT_MILTER_CURRENT_H
#define FT_MILTER_CURRENT_H

#include "conf.h"

/* Publish conf (the caller's reference passes to us). */
void current_set(struct ft_conf *conf);

/* A new reference to the published configuration, NULL if none. */
struct ft_conf *current_get(void);

/* Load path again; on error keep the old rules and log why. */
int current_reload(const char *path);

/* Drop the published configuration at shutdown. */
void current_clear(void);

#endif
