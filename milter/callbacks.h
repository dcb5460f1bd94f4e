/* callbacks.h - the milter's callbacks and their registration. */
#ifndef FT_MILTER_CALLBACKS_H
#define FT_MILTER_CALLBACKS_H

#include <libmilter/mfapi.h>

#include "sessions.h"

/* Register the callbacks with libmilter. */
int callbacks_register(void);

#endif
