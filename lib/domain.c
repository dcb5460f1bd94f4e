/* domain.c - domain names as connectors and addresses carry them; a name
 * is either normalized (lower case, no trailing dot) or refused. */
#include <string.h>

#include "domain.h"

/* Each byte of a name as it is written normalized: letters in lower case,
 * digits, '-' and '_' (seen in real host names), '.'; 0 for anything else,
 * including non-ASCII and '*', which is not part of a name we can match.
 * One table look-up per byte: this runs for every address decided. */
static const char name_bytes[256] = {
    ['-'] = '-', ['.'] = '.', ['_'] = '_',
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
    ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
    ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
    ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
    ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
    ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
    ['Z'] = 'z',
    ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
    ['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
    ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
    ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
    ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
    ['z'] = 'z',
};

/* One pass: each byte checked and written lower-cased at once, so that in
 * and out may be the same buffer (a refused name may then be left partly
 * lower-cased, which changes nothing for a domain name). */
bool domain_normalize(const char *in, char *out, size_t len)
{
    size_t n, label = 0;

    if (in == NULL || (n = strlen(in)) == 0)
        return false;
    if (in[n - 1] == '.')
        n--;
    if (n == 0 || n > FT_DOMAIN_MAX - 1 || n >= len)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name_bytes[(unsigned char)in[i]];

        if (c == '.') {
            if (label == 0)
                return false;
            label = 0;
        } else if (c == 0 || ++label > 63) {
            return false;
        }
        out[i] = c;
    }
    if (label == 0)
        return false;
    out[n] = '\0';
    return true;
}

const char *domain_pattern_base(const char *pattern, bool *wildcard)
{
    bool wild = pattern[0] == '*' && pattern[1] == '.';

    if (wildcard != NULL)
        *wildcard = wild;
    return wild ? pattern + 2 : pattern;
}

bool domain_pattern_parse(const char *in, char *out, size_t len,
                          bool *wildcard)
{
    bool wild;

    if (in == NULL)
        return false;
    in = domain_pattern_base(in, &wild);
    if (!domain_normalize(in, out, len))
        return false;
    *wildcard = wild;
    return true;
}
