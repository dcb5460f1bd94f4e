/* test_fingerprint.c - pin spellings, and PEM fingerprints checked against
 * what the openssl command computes for a certificate made at test time. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fingerprint.h"
#include "tap.h"

#define SHA256_AB "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:" \
                  "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
#define SHA256_RAW "abcdef0123456789abcdef0123456789" \
                   "abcdef0123456789abcdef0123456789"
#define SHA1_AB "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67"
#define MD5_AB "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF"

struct norm_case {
    const char *name, *in;
    bool ok;
    const char *want;
};

static const struct norm_case norm_cases[] = {
    { "Postfix style", SHA256_AB, true, SHA256_AB },
    { "lower case, no colons", SHA256_RAW, true, SHA256_AB },
    { "SHA256: prefix", "SHA256:" SHA256_RAW, true, SHA256_AB },
    { "sha256: prefix, lower case", "sha256:" SHA256_AB, true, SHA256_AB },
    { "SHA1 size", "0123456789abcdef0123456789abcdef01234567", true, SHA1_AB },
    { "SHA1: prefix", "Sha1:" SHA1_AB, true, SHA1_AB },
    { "MD5 size", "0123456789ABCDEF0123456789ABCDEF", true, MD5_AB },
    { "MD5: prefix", "md5:" MD5_AB, true, MD5_AB },
    { "SHA-512 size", SHA256_RAW SHA256_RAW, true, SHA256_AB ":" SHA256_AB },
    { "odd length", SHA256_RAW "a", false, "" },
    { "one byte short", "abcdef0123456789abcdef0123456789"
      "abcdef0123456789abcdef01234567", false, "" },
    { "unknown size (24 bytes)", "abcdef0123456789abcdef0123456789"
      "abcdef0123456789", false, "" },
    { "not hex", "zz" SHA256_RAW, false, "" },
    { "space inside", "AB CD", false, "" },
    { "prefix and wrong size", "SHA256:" SHA1_AB, false, "" },
    { "MD5 prefix on SHA-256", "MD5:" SHA256_RAW, false, "" },
    { "unknown prefix", "SHA512:" SHA256_RAW, false, "" },
    { "prefix only", "SHA256:", false, "" },
    { "empty", "", false, "" },
    { "far too long", SHA256_RAW SHA256_RAW SHA256_RAW, false, "" },
    /* Postfix's own spelling is copied as it is: the same checks apply. */
    { "Postfix style, unknown size (3 bytes)", "AB:CD:EF", false, "" },
    { "Postfix style, trailing colon", SHA256_AB ":", true, SHA256_AB },
    { "Postfix style, far too long", SHA256_AB ":" SHA256_AB ":" SHA256_AB,
      false, "" },
    { "Postfix style, SHA-512 size", SHA256_AB ":" SHA256_AB, true,
      SHA256_AB ":" SHA256_AB },
    { "Postfix style with one lower-case digit",
      "ab:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
      "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89", true, SHA256_AB },
};

static void test_normalize(void)
{
    char out[256], exact[3 * 32];

    for (size_t i = 0; i < sizeof(norm_cases) / sizeof(norm_cases[0]); i++) {
        const struct norm_case *c = &norm_cases[i];
        bool ok = fingerprint_normalize(c->in, out, sizeof(out));

        TAP_INT(ok, c->ok, c->name);
        if (ok && c->ok)
            TAP_STR(out, c->want, c->name);
    }
    TAP_OK(!fingerprint_normalize(SHA256_RAW, exact, sizeof(exact) - 1),
           "output one byte too small", "accepted");
    TAP_OK(fingerprint_normalize(SHA256_RAW, exact, sizeof(exact)),
           "output exactly large enough", "refused");
    TAP_STR(exact, SHA256_AB, "output exactly large enough: value");
    TAP_OK(!fingerprint_normalize(SHA256_AB, exact, sizeof(exact) - 1),
           "Postfix style, output one byte too small", "accepted");
    TAP_OK(fingerprint_normalize(SHA256_AB, exact, sizeof(exact)),
           "Postfix style, output exactly large enough", "refused");
    TAP_OK(!fingerprint_normalize(NULL, out, sizeof(out)), "NULL", "accepted");
}

/* Upper-case hex digits of what follows the last '=' in s. */
static void hex_after_equals(const char *s, char *out, size_t len)
{
    const char *p = strrchr(s, '=');
    size_t n = 0;

    for (p = p != NULL ? p + 1 : s; *p != '\0' && n + 1 < len; p++) {
        if (isxdigit((unsigned char)*p))
            out[n++] = (char)toupper((unsigned char)*p);
    }
    out[n] = '\0';
}

static bool run(const char *cmd, char *out, size_t len)
{
    FILE *p = popen(cmd, "r");
    char line[1024] = "";
    bool ok;

    if (p == NULL)
        return false;
    ok = fgets(line, sizeof(line), p) != NULL;
    ok = pclose(p) == 0 && ok;
    hex_after_equals(line, out, len);
    return ok && out[0] != '\0';
}

/* The two fingerprints the openssl command gives for cert, colons off. */
static bool openssl_pins(const char *cert, const char *digest,
                         char *cert_fp, char *pkey_fp, size_t len)
{
    char cmd[1024];

    snprintf(cmd, sizeof(cmd), "openssl x509 -in '%s' -noout -fingerprint"
             " -%s", cert, digest);
    if (!run(cmd, cert_fp, len))
        return false;
    snprintf(cmd, sizeof(cmd), "openssl x509 -in '%s' -pubkey -noout"
             " | openssl pkey -pubin -outform DER | openssl dgst -%s",
             cert, digest);
    return run(cmd, pkey_fp, len);
}

static void strip_colons(const char *in, char *out, size_t len)
{
    size_t n = 0;

    for (; *in != '\0' && n + 1 < len; in++) {
        if (*in != ':')
            out[n++] = *in;
    }
    out[n] = '\0';
}

static bool make_cert(const char *dir, const char *name)
{
    char cmd[1024];

    snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey ec -pkeyopt"
             " ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=%s"
             " -keyout '%s/%s.key' -out '%s/%s.pem' >/dev/null 2>&1",
             name, dir, name, dir, name);
    return system(cmd) == 0;
}

static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    bool ok;

    if (f == NULL)
        return false;
    ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok;
}

static void free_pins(char **pins, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(pins[i]);
    free(pins);
}

/* pins[at] and pins[at + 1] against openssl's view of cert. */
static void check_pins(char **pins, size_t at, const char *cert,
                       const char *digest, const char *name)
{
    char want_cert[256], want_pkey[256], got[256], label[128];

    if (!openssl_pins(cert, digest, want_cert, want_pkey, sizeof(want_cert))) {
        TAP_OK(false, name, "openssl could not fingerprint %s", cert);
        return;
    }
    strip_colons(pins[at], got, sizeof(got));
    snprintf(label, sizeof(label), "%s: certificate fingerprint", name);
    TAP_STR(got, want_cert, label);
    strip_colons(pins[at + 1], got, sizeof(got));
    snprintf(label, sizeof(label), "%s: public-key fingerprint", name);
    TAP_STR(got, want_pkey, label);
    snprintf(label, sizeof(label), "%s: Postfix spelling", name);
    TAP_OK(fingerprint_normalize(pins[at], got, sizeof(got))
           && strcmp(got, pins[at]) == 0, label, "got %s", pins[at]);
}

static void test_bundle(const char *dir)
{
    char path[512], one[512], two[512], cmd[4096];
    char **pins = NULL;
    size_t npins = 0;
    struct ft_err err = { "", 0, "" };
    int rc;

    snprintf(one, sizeof(one), "%s/one.pem", dir);
    snprintf(two, sizeof(two), "%s/two.pem", dir);
    snprintf(path, sizeof(path), "%s/bundle.pem", dir);
    /* A key block between the certificates must be skipped. */
    snprintf(cmd, sizeof(cmd), "cat '%s' '%s/one.key' '%s' > '%s'", one,
             dir, two, path);
    if (system(cmd) != 0) {
        TAP_OK(false, "bundle written", "%s failed", cmd);
        return;
    }
    pins = malloc(sizeof(*pins));
    if (pins == NULL || (pins[0] = strdup("EXISTING")) == NULL) {
        TAP_OK(false, "bundle: setup", "out of memory");
        free(pins);
        return;
    }
    npins = 1;
    rc = fingerprint_pem_file(path, "sha256", &pins, &npins, &err);
    TAP_OK(rc == 0, "bundle read", "rc %d: %s", rc, err.msg);
    TAP_INT(npins, 5, "two certificates appended after an existing pin");
    TAP_STR(pins[0], "EXISTING", "existing pin kept");
    if (rc == 0 && npins == 5) {
        check_pins(pins, 1, one, "sha256", "first certificate sha256");
        check_pins(pins, 3, two, "sha256", "second certificate sha256");
    }
    free_pins(pins, npins);
}

static void test_digests(const char *dir)
{
    static const char *const digests[] = { "sha256", "sha1", "md5" };
    char one[512], name[64];

    snprintf(one, sizeof(one), "%s/one.pem", dir);
    for (size_t i = 0; i < sizeof(digests) / sizeof(digests[0]); i++) {
        char **pins = NULL;
        size_t npins = 0;
        struct ft_err err = { "", 0, "" };
        int rc = fingerprint_pem_file(one, digests[i], &pins, &npins, &err);

        snprintf(name, sizeof(name), "single certificate %s", digests[i]);
        TAP_OK(rc == 0 && npins == 2, name, "rc %d npins %zu: %s", rc, npins,
               err.msg);
        if (rc == 0 && npins == 2)
            check_pins(pins, 0, one, digests[i], name);
        free_pins(pins, npins);
    }
}

struct error_case {
    const char *name, *file, *content, *digest, *want;
};

/* file "" is the directory itself; content NULL: do not create it. */
static const struct error_case error_cases[] = {
    { "missing file", "missing.pem", NULL, "sha256",
      "cannot read %s: No such file or directory" },
    { "empty file", "empty.pem", "", "sha256", "no certificate in %s" },
    { "key only", "one.key", NULL, "sha256", "no certificate in %s" },
    { "text only", "text.pem", "hello\n", "sha256", "no certificate in %s" },
    { "broken base64", "broken.pem", "-----BEGIN CERTIFICATE-----\n!!!!\n"
      "-----END CERTIFICATE-----\n", "sha256", "bad PEM data in %s" },
    { "a directory", "", NULL, "sha256", "cannot read %s: Is a directory" },
    { "unknown digest", "one.pem", NULL, "sha999",
      "unknown fingerprint digest \"sha999\"" },
};

static void check_error(const char *dir, const struct error_case *c)
{
    char path[512], want[1024];
    char *keep = strdup("EXISTING");
    char **pins = keep != NULL ? &keep : NULL;
    size_t npins = keep != NULL ? 1 : 0;
    struct ft_err err = { "", 0, "" };
    int rc;

    snprintf(path, sizeof(path), "%s%s%s", dir, c->file[0] ? "/" : "",
             c->file);
    if (c->content != NULL && !write_file(path, c->content)) {
        TAP_OK(false, c->name, "cannot write %s", path);
        free(keep);
        return;
    }
    rc = fingerprint_pem_file(path, c->digest, &pins, &npins, &err);
    snprintf(want, sizeof(want), c->want, path);
    TAP_OK(rc == -1 && strstr(err.msg, want) != NULL, c->name,
           "rc %d, message \"%s\", want it to contain \"%s\"", rc, err.msg,
           want);
    TAP_STR(err.file, path, c->name);
    TAP_INT(npins, 1, c->name);
    /* Nothing was appended, so the array is still the caller's own. */
    if (pins == &keep)
        free(keep);
}

static void test_errors(const char *dir)
{
    for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++)
        check_error(dir, &error_cases[i]);
}

/* A bundle whose second certificate is damaged yields no pins at all. */
static void test_rollback(const char *dir)
{
    char path[512], cmd[2048];
    char **pins = NULL;
    size_t npins = 0;
    struct ft_err err = { "", 0, "" };
    int rc;

    snprintf(path, sizeof(path), "%s/half.pem", dir);
    snprintf(cmd, sizeof(cmd), "cat '%s/one.pem' '%s/broken.pem' > '%s'",
             dir, dir, path);
    if (system(cmd) != 0) {
        TAP_OK(false, "rollback: setup", "%s failed", cmd);
        return;
    }
    rc = fingerprint_pem_file(path, "sha256", &pins, &npins, &err);
    TAP_INT(rc, -1, "damaged second certificate is an error");
    TAP_INT(npins, 0, "no pins from a damaged bundle");
    TAP_OK(strstr(err.msg, "after 1 certificate") != NULL,
           "message says where", "got \"%s\"", err.msg);
    free_pins(pins, npins);
}

static void cleanup(const char *dir)
{
    char cmd[600];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "# cannot remove %s\n", dir);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[256];

    test_normalize();
    /* Skipped in TAP's own way: the Makefile runs every unit test under
     * the TAP driver, which counts exit 77 as an error, not a skip. */
    if (system("openssl version >/dev/null 2>&1") != 0) {
        printf("ok %d - PEM fingerprints # SKIP openssl command not found\n",
               ++tap_n);
        return tap_done();
    }
    snprintf(dir, sizeof(dir), "%s/ft-fingerprint-XXXXXX",
             tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        TAP_OK(false, "temporary directory made", "%s", dir);
        return tap_done();
    }
    if (!make_cert(dir, "one") || !make_cert(dir, "two")) {
        TAP_OK(false, "test certificates made", "in %s", dir);
        cleanup(dir);
        return tap_done();
    }
    test_bundle(dir);
    test_digests(dir);
    test_errors(dir);
    test_rollback(dir);
    cleanup(dir);
    return tap_done();
}
