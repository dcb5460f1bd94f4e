/* json.h - JSON strings for --json output. */
#ifndef FT_JSON_H
#define FT_JSON_H

#include <stdio.h>

/* Write s as a JSON string literal, quotes included. */
void json_string(FILE *fp, const char *s);

#endif
