/* hex.h - hexadecimal digits, for fingerprints and xtext escapes. */
#ifndef FT_HEX_H
#define FT_HEX_H

/* The value of one hex digit (either case), or -1. */
int hex_value(char c);

#endif
