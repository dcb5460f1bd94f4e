/* fuzz_address.c - envelope addresses and domain patterns: every domain
 * an address is found to reach is a normalized name, and a name matches
 * a certificate pattern only as certname_match() promises. */
#include "address.h"
#include "certname.h"
#include "domain.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size), *f[2];
    struct ft_address_domains d;
    char norm[FT_DOMAIN_MAX], again[FT_DOMAIN_MAX];
    bool wildcard;
    size_t blen;

    fuzz_fields(s, '\n', f, 2);
    if (address_domains(f[0], &d) == 0) {
        FUZZ_CHECK(d.n <= FT_ADDRESS_DOMAINS);
        for (size_t i = 0; i < d.n; i++) {
            FUZZ_CHECK(domain_normalize(d.v[i], again, sizeof(again)));
            FUZZ_CHECK(strcmp(again, d.v[i]) == 0);
        }
    }
    FUZZ_CHECK(address_bare(f[0], &blen) != NULL && blen <= strlen(f[0]));
    if (domain_pattern_parse(f[0], norm, sizeof(norm), &wildcard))
        FUZZ_CHECK(domain_normalize(norm, again, sizeof(again))
                   && strcmp(norm, again) == 0);
    if (f[1] != NULL && certname_match(f[0], f[1]))
        FUZZ_CHECK(f[1][0] != '\0');
    free(s);
    return 0;
}
