/* version.h - the version every program prints with -V. */
#ifndef FT_VERSION_H
#define FT_VERSION_H

#include "config.h"

#define FT_VERSION PACKAGE_VERSION

#endif
