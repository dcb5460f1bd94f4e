/* test_cipher.c - forward secrecy from OpenSSL's cipher table, by
 * OpenSSL and IANA names, from several threads. */
#include <pthread.h>
#include <stdbool.h>

#include "cipher.h"
#include "tap.h"

struct case_ {
    const char *name;
    enum ft_fs want;
};

static const struct case_ cases[] = {
    /* TLS 1.2, OpenSSL names as Postfix logs them */
    { "ECDHE-RSA-AES256-GCM-SHA384", FT_FS_YES },
    { "ECDHE-ECDSA-AES128-GCM-SHA256", FT_FS_YES },
    { "ECDHE-RSA-CHACHA20-POLY1305", FT_FS_YES },
    { "DHE-RSA-AES128-GCM-SHA256", FT_FS_YES },
    { "DHE-RSA-AES256-SHA", FT_FS_YES },
    { "ECDHE-RSA-AES128-SHA", FT_FS_YES },
    { "ECDHE-PSK-AES128-CBC-SHA256", FT_FS_YES },
    { "DHE-PSK-AES128-GCM-SHA256", FT_FS_YES },
    { "AES256-GCM-SHA384", FT_FS_NO },
    { "AES128-SHA", FT_FS_NO },
    { "AES256-SHA256", FT_FS_NO },
    { "PSK-AES128-GCM-SHA256", FT_FS_NO },
    { "RSA-PSK-AES128-GCM-SHA256", FT_FS_NO },
    /* TLS 1.3 */
    { "TLS_AES_256_GCM_SHA384", FT_FS_YES },
    { "TLS_AES_128_GCM_SHA256", FT_FS_YES },
    { "TLS_CHACHA20_POLY1305_SHA256", FT_FS_YES },
    { "TLS_AES_128_CCM_SHA256", FT_FS_YES },
    { "TLS_AES_128_CCM_8_SHA256", FT_FS_YES },
    /* IANA names */
    { "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", FT_FS_YES },
    { "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", FT_FS_YES },
    { "TLS_RSA_WITH_AES_128_CBC_SHA", FT_FS_NO },
    /* case does not matter (documented choice) */
    { "ecdhe-rsa-aes256-gcm-sha384", FT_FS_YES },
    { "aes128-sha", FT_FS_NO },
    /* unknown */
    { "ECDHE-RSA-AES256-GCM-SHA385", FT_FS_UNKNOWN },
    { "DHE-FAKE", FT_FS_UNKNOWN },
    { "ECDHE-RSA-AES256-GCM-SHA384 ", FT_FS_UNKNOWN },
    { "unreadable", FT_FS_UNKNOWN },
    { "", FT_FS_UNKNOWN },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))
#define NTHREADS 8

/* Every thread asks every case; the first call builds the table. */
static void *worker(void *arg)
{
    long *bad = arg;

    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < NCASES; i++) {
            if (cipher_forward_secrecy(cases[i].name) != cases[i].want)
                ++*bad;
        }
    }
    return NULL;
}

static void test_threads(void)
{
    pthread_t th[NTHREADS];
    long bad[NTHREADS] = { 0 }, total = 0;
    int started = 0;

    for (int i = 0; i < NTHREADS; i++) {
        if (pthread_create(&th[i], NULL, worker, &bad[i]) == 0)
            started++;
        else
            break;
    }
    for (int i = 0; i < started; i++) {
        pthread_join(th[i], NULL);
        total += bad[i];
    }
    TAP_INT(started, NTHREADS, "threads started");
    TAP_INT(total, 0, "same answers from concurrent first calls");
}

int main(void)
{
    /* First, before anything else builds the table. */
    test_threads();
    for (size_t i = 0; i < NCASES; i++)
        TAP_INT(cipher_forward_secrecy(cases[i].name), cases[i].want,
                cases[i].name[0] != '\0' ? cases[i].name : "(empty)");
    TAP_INT(cipher_forward_secrecy(NULL), FT_FS_UNKNOWN, "NULL");
    return tap_done();
}
