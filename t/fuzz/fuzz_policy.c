/* fuzz_policy.c - policy delegation requests from a hostile client:
 * framing, attributes, xtext certificate names, fingerprints, addresses
 * and the decision, through forcetls-policyd's own connection code. */
#include "fuzz.h"
#include "fuzz_conn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_conn(PROTO_POLICY, data, size);
    return 0;
}
