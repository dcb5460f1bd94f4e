/* fuzz_fingerprint.c - fingerprints as people and Postfix write them: a
 * normalized one normalizes to itself and has a known digest size. */
#include "fingerprint.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size), out[256], again[256];

    if (fingerprint_normalize(s, out, sizeof(out))) {
        size_t n = fingerprint_bytes(out);

        FUZZ_CHECK(n == 16 || n == 20 || n == 32 || n == 64);
        FUZZ_CHECK(fingerprint_normalize(out, again, sizeof(again)));
        FUZZ_CHECK(strcmp(out, again) == 0);
    }
    fingerprint_normalize(s, out, 8);
    free(s);
    return 0;
}
