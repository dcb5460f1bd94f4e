/* fuzz_xtext.c - RFC 3461 xtext: a decoded value is never longer than its
 * input, never holds a NUL, and never overruns a small output. */
#include "fuzz.h"
#include "xtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = fuzz_str(data, size);
    size_t len = strlen(in);
    char *out = malloc(len + 1), small[8];

    if (out == NULL)
        abort();
    if (xtext_decode(in, out, len + 1))
        FUZZ_CHECK(strlen(out) <= len);
    if (xtext_decode(in, small, sizeof(small)))
        FUZZ_CHECK(strlen(small) < sizeof(small));
    free(out);
    free(in);
    return 0;
}
