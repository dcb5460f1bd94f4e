/* cipher.c - forward secrecy of a cipher suite, read from OpenSSL's own
 * cipher table (built once, then read-only), never guessed from the name;
 * a name OpenSSL does not know is "unknown", never "yes". */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/objects.h>
#include <openssl/ssl.h>

#include "cipher.h"

/* Everything this OpenSSL can name, weak suites included: a weak cipher
 * must be found (and judged), not reported as unknown. */
#define CIPHER_TLS12_LIST "ALL:COMPLEMENTOFALL:@SECLEVEL=0"
#define CIPHER_TLS13_LIST                                               \
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"                    \
    "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:"              \
    "TLS_AES_128_CCM_8_SHA256"

struct cipher_entry {
    char *name;                 /* OpenSSL or IANA (standard) name */
    enum ft_fs fs;
};

static pthread_once_t cipher_once = PTHREAD_ONCE_INIT;
static struct cipher_entry *cipher_table;   /* sorted by name */
static size_t cipher_count;

/* By key exchange: TLS 1.3 suites say "any" because every TLS 1.3 key
 * exchange is (EC)DHE. */
static enum ft_fs kx_fs(const SSL_CIPHER *c)
{
    switch (SSL_CIPHER_get_kx_nid(c)) {
    case NID_kx_ecdhe:
    case NID_kx_dhe:
    case NID_kx_ecdhe_psk:
    case NID_kx_dhe_psk:
    case NID_kx_any:
        return FT_FS_YES;
    default:
        return FT_FS_NO;
    }
}

/* Case-insensitive: OpenSSL's names are upper case and no two suites
 * differ only in case, so "ecdhe-rsa-aes128-sha" from a hand-written
 * config or a lower-casing log pipeline still finds its suite. */
static int entry_cmp(const void *a, const void *b)
{
    return strcasecmp(((const struct cipher_entry *)a)->name,
                      ((const struct cipher_entry *)b)->name);
}

static bool table_add(struct cipher_entry *t, size_t *n, const char *name,
                      enum ft_fs fs)
{
    if (name == NULL)
        return true;
    if ((t[*n].name = strdup(name)) == NULL)
        return false;
    t[(*n)++].fs = fs;
    return true;
}

static void table_free(struct cipher_entry *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(t[i].name);
    free(t);
}

/* Two entries per suite (OpenSSL name, IANA name): Postfix and Sendmail
 * report the former, people sometimes write the latter. */
static void table_fill(STACK_OF(SSL_CIPHER) *sk)
{
    int total = sk_SSL_CIPHER_num(sk);
    struct cipher_entry *t;
    size_t n = 0;

    if (total <= 0 || (t = calloc(2 * (size_t)total, sizeof(*t))) == NULL)
        return;
    for (int i = 0; i < total; i++) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(sk, i);
        enum ft_fs fs = kx_fs(c);

        if (!table_add(t, &n, SSL_CIPHER_get_name(c), fs)
            || !table_add(t, &n, SSL_CIPHER_standard_name(c), fs)) {
            table_free(t, n);
            return;
        }
    }
    qsort(t, n, sizeof(*t), entry_cmp);
    cipher_table = t;
    cipher_count = n;
}

/* Left empty on failure: every name is then unknown, which fails a
 * forward-secrecy requirement rather than passing it. */
static void cipher_init(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());

    if (ctx == NULL)
        return;
    if (SSL_CTX_set_cipher_list(ctx, CIPHER_TLS12_LIST) == 1
        && SSL_CTX_set_ciphersuites(ctx, CIPHER_TLS13_LIST) == 1)
        table_fill(SSL_CTX_get_ciphers(ctx));
    SSL_CTX_free(ctx);
}

enum ft_fs cipher_forward_secrecy(const char *name)
{
    struct cipher_entry key = { (char *)name, FT_FS_UNKNOWN };
    const struct cipher_entry *e;

    if (name == NULL || *name == '\0'
        || pthread_once(&cipher_once, cipher_init) != 0
        || cipher_table == NULL)
        return FT_FS_UNKNOWN;
    e = bsearch(&key, cipher_table, cipher_count, sizeof(*cipher_table),
                entry_cmp);
    return e != NULL ? e->fs : FT_FS_UNKNOWN;
}
