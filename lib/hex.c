/* hex.c - hexadecimal digits; either case is accepted, since fingerprints
 * are written both ways and lenient xtext costs nothing. */
#include "hex.h"

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}
