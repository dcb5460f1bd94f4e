/* logparse.h - the verdict line verdict_format() writes, read back:
 * "NOQUEUE: connector=... verdict=... reason="..." ... mode=...". */
#ifndef FT_LOGPARSE_H
#define FT_LOGPARSE_H

#include <stdbool.h>

#define LOGPARSE_VALUE_MAX 1024

struct verdict_line {
    char queue_id[32];                /* "" for NOQUEUE */
    char connector[LOGPARSE_VALUE_MAX];
    char verdict[16];
    char reason[LOGPARSE_VALUE_MAX];
    char stage[16];
    char client[LOGPARSE_VALUE_MAX];
    char sender[LOGPARSE_VALUE_MAX];
    char recipient[LOGPARSE_VALUE_MAX];
    char tls[64];
    char cipher[LOGPARSE_VALUE_MAX];
    char bits[16];
    char cert_subject[LOGPARSE_VALUE_MAX];
    char cert_issuer[LOGPARSE_VALUE_MAX];
    char cert_fp[LOGPARSE_VALUE_MAX];     /* "" unknown (milter, old lines) */
    char pkey_fp[LOGPARSE_VALUE_MAX];
    char mode[16];
};

/* Parse the text after "forcetls-milter[pid]: "; false when it is not a
 * verdict line or a key is missing, repeated or badly quoted. Keys this
 * version does not know are skipped, so newer daemons' lines still read. */
bool logparse_verdict(const char *text, struct verdict_line *v);

#endif
