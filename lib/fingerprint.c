/* fingerprint.c - certificate and public-key fingerprints spelled the one
 * way Postfix logs them ("AB:CD:..."), from pins as people write them or
 * from PEM files; a file that yields no certificate is an error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "hex.h"
#include "fingerprint.h"

#define FP_MAX_BYTES 64

struct fp_prefix {
    const char *name;
    size_t bytes;               /* the digest size the prefix promises */
};

static const struct fp_prefix fp_prefixes[] = {
    { "SHA256:", 32 },
    { "SHA1:", 20 },
    { "MD5:", 16 },
};

static bool known_size(size_t bytes)
{
    return bytes == 16 || bytes == 20 || bytes == 32 || bytes == 64;
}

/* "AB:CD:..." into out, which must hold 3 * n bytes. */
static void fp_format(const unsigned char *md, size_t n, char *out)
{
    static const char hex[] = "0123456789ABCDEF";

    for (size_t i = 0; i < n; i++) {
        out[3 * i] = hex[md[i] >> 4];
        out[3 * i + 1] = hex[md[i] & 0x0f];
        out[3 * i + 2] = i + 1 < n ? ':' : '\0';
    }
    if (n == 0)
        out[0] = '\0';
}

/* Skip a digest prefix; *bytes is 0 when there is none. */
static const char *skip_prefix(const char *in, size_t *bytes)
{
    *bytes = 0;
    for (size_t i = 0; i < sizeof(fp_prefixes) / sizeof(fp_prefixes[0]);
         i++) {
        size_t n = strlen(fp_prefixes[i].name);

        if (strncasecmp(in, fp_prefixes[i].name, n) == 0) {
            *bytes = fp_prefixes[i].bytes;
            return in + n;
        }
    }
    return in;
}

/* Hex digits (colons anywhere are ignored) into md; the byte count, or 0
 * when a byte is not hex, the count is odd or too large. */
static size_t hex_decode(const char *in, unsigned char *md)
{
    size_t digits = 0;

    for (; *in != '\0'; in++) {
        int v = hex_value(*in);

        if (*in == ':')
            continue;
        if (v < 0 || digits >= 2 * FP_MAX_BYTES)
            return 0;
        if (digits % 2 == 0)
            md[digits / 2] = (unsigned char)(v << 4);
        else
            md[digits / 2] |= (unsigned char)v;
        digits++;
    }
    return digits % 2 == 0 ? digits / 2 : 0;
}

static bool upper_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* Already "AB:CD:...:EF", as Postfix sends fingerprints: the byte count in
 * *n. Reads no byte past the first that does not fit. */
static bool canonical(const char *in, size_t *n)
{
    for (size_t i = 0;; i += 3) {
        if (!upper_hex(in[i]) || !upper_hex(in[i + 1]))
            return false;
        if (in[i + 2] == '\0') {
            *n = i / 3 + 1;
            return true;
        }
        if (in[i + 2] != ':' || i / 3 + 1 >= FP_MAX_BYTES)
            return false;
    }
}

bool fingerprint_normalize(const char *in, char *out, size_t len)
{
    unsigned char md[FP_MAX_BYTES];
    size_t want, n;

    if (in == NULL)
        return false;
    /* Every policy request carries two: copy what needs no rewriting. */
    if (canonical(in, &n)) {
        if (!known_size(n) || 3 * n > len)
            return false;
        memcpy(out, in, 3 * n);
        return true;
    }
    in = skip_prefix(in, &want);
    n = hex_decode(in, md);
    /* "SHA256:" before a SHA-1 sized value is a mistake, not a pin. */
    if (!known_size(n) || (want != 0 && n != want) || 3 * n > len)
        return false;
    fp_format(md, n, out);
    return true;
}

/* Append one fingerprint of data[0..n) to the pins. */
static int pin_add(const EVP_MD *md, const unsigned char *data, size_t n,
                   char ***pins, size_t *npins)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen;
    char *text, **grown;

    if (EVP_Digest(data, n, digest, &dlen, md, NULL) != 1
        || (text = malloc(3 * (size_t)dlen + 1)) == NULL)
        return -1;
    fp_format(digest, dlen, text);
    if ((grown = realloc(*pins, (*npins + 1) * sizeof(*grown))) == NULL) {
        free(text);
        return -1;
    }
    *pins = grown;
    (*pins)[(*npins)++] = text;
    return 0;
}

/* The certificate (its DER) and its public key (the DER of its
 * SubjectPublicKeyInfo), as Postfix tls_fprint.c digests them. */
static int cert_pins(X509 *cert, const EVP_MD *md, char ***pins,
                     size_t *npins)
{
    unsigned char *der = NULL;
    int n, rc = -1;

    if ((n = i2d_X509(cert, &der)) > 0
        && pin_add(md, der, (size_t)n, pins, npins) == 0) {
        OPENSSL_free(der);
        der = NULL;
        if ((n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der)) > 0
            && pin_add(md, der, (size_t)n, pins, npins) == 0)
            rc = 0;
    }
    OPENSSL_free(der);
    return rc;
}

/* After the last certificate OpenSSL reports "no start line"; anything
 * else is a damaged PEM block. */
static bool pem_clean_end(void)
{
    unsigned long e = ERR_peek_last_error();

    return e == 0 || (ERR_GET_LIB(e) == ERR_LIB_PEM
                      && ERR_GET_REASON(e) == PEM_R_NO_START_LINE);
}

static void pins_truncate(char **pins, size_t *npins, size_t keep)
{
    while (*npins > keep)
        free(pins[--*npins]);
}

static int read_certs(FILE *fp, const char *path, const EVP_MD *md,
                      char ***pins, size_t *npins, struct ft_err *err)
{
    X509 *cert;
    size_t count = 0;

    ERR_clear_error();
    while ((cert = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL) {
        int rc = cert_pins(cert, md, pins, npins);

        X509_free(cert);
        if (rc != 0) {
            err_set(err, path, 0, "cannot compute fingerprints: out of memory"
                    " or digest failure");
            return -1;
        }
        count++;
    }
    if (ferror(fp)) {
        err_set(err, path, 0, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    if (!pem_clean_end()) {
        const char *why = ERR_reason_error_string(ERR_peek_last_error());

        err_set(err, path, 0, "bad PEM data in %s after %zu certificate(s):"
                " %s", path, count, why != NULL ? why : "unknown error");
        return -1;
    }
    if (count == 0) {
        err_set(err, path, 0, "no certificate in %s (expected \"-----BEGIN"
                " CERTIFICATE-----\")", path);
        return -1;
    }
    return 0;
}

int fingerprint_pem_file(const char *path, const char *digest,
                         char ***pins, size_t *npins, struct ft_err *err)
{
    const EVP_MD *md = EVP_get_digestbyname(digest);
    size_t keep = *npins;
    FILE *fp;
    int rc;

    if (md == NULL) {
        err_set(err, path, 0, "unknown fingerprint digest \"%s\": use"
                " sha256, sha1 or md5", digest);
        return -1;
    }
    if ((fp = fopen(path, "r")) == NULL) {
        err_set(err, path, 0, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    rc = read_certs(fp, path, md, pins, npins, err);
    fclose(fp);
    /* All of the file or none of it: no half-pinned partner. */
    if (rc != 0)
        pins_truncate(*pins, npins, keep);
    ERR_clear_error();
    return rc;
}

size_t fingerprint_digest_bytes(const char *digest)
{
    if (strcmp(digest, "md5") == 0)
        return 16;
    if (strcmp(digest, "sha1") == 0)
        return 20;
    return 32;
}

size_t fingerprint_bytes(const char *fp)
{
    return (strlen(fp) + 1) / 3;
}
