/* fuzz_tlsmap.c - socketmap queries from a hostile client: netstring
 * framing and the outbound domain walk, through forcetls-policyd's own
 * connection code. */
#include "fuzz.h"
#include "fuzz_conn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_conn(PROTO_TLSMAP, data, size);
    return 0;
}
