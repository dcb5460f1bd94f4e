/* probe_print.c - forcetls probe's description of a server and its
 * certificates: what a partner asks about before forced TLS is set up.
 * Whatever the server chose (banner, names, organisation) is shown
 * through safetext(), so it cannot drive the terminal or pass for
 * another name. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "certinfo.h"
#include "cipher.h"
#include "probe.h"
#include "safetext.h"

/* Room for a certificate field shown escaped (\u{XXXX} is 8 bytes for 3). */
#define SHOWN (FT_CERTINFO_TEXT * 4)

#define MAX_SANS 64

static void print_names(X509 *x, const struct ft_certinfo *ci,
                        const char *indent)
{
    char *sans[MAX_SANS], e[SHOWN];
    size_t n = certinfo_dns_names(x, sans, MAX_SANS);

    printf("%s  subject CN: %s\n", indent,
           ci->cn[0] ? safetext(e, sizeof(e), ci->cn) : "(none)");
    printf("%s  DNS names:", indent);
    for (size_t i = 0; i < n; i++) {
        printf(" %s", safetext(e, sizeof(e), sans[i]));
        free(sans[i]);
    }
    printf("%s\n", n == 0 ? " (none)" : "");
}

void probe_print_cert(X509 *x, int depth, const char *indent)
{
    struct ft_certinfo ci;
    char from[64], to[64], fp[200], pfp[200], e[SHOWN];

    certinfo_of(x, &ci);
    certinfo_time(ci.not_before, from, sizeof(from));
    certinfo_time(ci.not_after, to, sizeof(to));
    printf("%scertificate %d: %s\n", indent, depth,
           safetext(e, sizeof(e), ci.subject));
    print_names(x, &ci, indent);
    printf("%s  organisation: %s\n", indent,
           ci.org[0] ? safetext(e, sizeof(e), ci.org) : "(none)");
    printf("%s  unit: %s\n", indent,
           ci.unit[0] ? safetext(e, sizeof(e), ci.unit) : "(none)");
    printf("%s  issuer: %s\n", indent, safetext(e, sizeof(e), ci.issuer));
    if (ci.curve[0])
        printf("%s  key: %s %s, %d bits%s\n", indent, ci.key_type, ci.curve,
               ci.key_bits, certinfo_weak_key(&ci) ? " (weak)" : "");
    else
        printf("%s  key: %s, %d bits%s\n", indent, ci.key_type, ci.key_bits,
               certinfo_weak_key(&ci) ? " (weak)" : "");
    printf("%s  signature: %s%s\n", indent, ci.sig_alg,
           ci.sig_weak && !ci.self_signed ? " (weak)" : "");
    printf("%s  valid: %s to %s\n", indent, from, to);
    printf("%s  days left: %ld%s\n", indent, certinfo_days_left(ci.not_after),
           ci.not_after < time(NULL) ? " (expired)" : "");
    if (certinfo_fingerprints(x, "sha256", fp, pfp, sizeof(fp)) == 0) {
        printf("%s  sha256 fingerprint: %s\n", indent, fp);
        printf("%s  sha256 public key fingerprint: %s\n", indent, pfp);
    }
}

/* The root issuer partners are told to pin: the top of the chain's
 * issuer (itself, when it is the root). */
static void print_root(const struct probe_view *v)
{
    struct ft_certinfo ci;
    X509 *top = sk_X509_value(v->chain, sk_X509_num(v->chain) - 1);
    char e[SHOWN];

    if (top == NULL)
        return;
    certinfo_of(top, &ci);
    printf("root issuer: %s\n", safetext(e, sizeof(e), ci.issuer));
}

void probe_print_server(const struct probe_view *v)
{
    enum ft_fs fs = cipher_forward_secrecy(v->cipher);
    char e[SMTP_TEXT * 4];

    printf("banner: %s\n", safetext(e, sizeof(e), v->banner));
    printf("STARTTLS: offered\n");
    printf("protocol: %s\n", v->protocol);
    printf("cipher: %s, %d bits, forward secrecy %s\n", v->cipher, v->bits,
           fs == FT_FS_YES ? "yes" : fs == FT_FS_NO ? "no" : "unknown");
    if (!v->has_cert) {
        printf("server certificate: none (anonymous)\n");
        return;
    }
    for (int i = 0; i < sk_X509_num(v->chain); i++)
        probe_print_cert(sk_X509_value(v->chain, i), i, "");
    print_root(v);
    if (v->chain_ok)
        printf("verification: trusted (against %s)\n", v->trust_source);
    else
        printf("verification: not trusted (against %s): %s\n",
               v->trust_source,
               safetext(e, sizeof(e), v->missing_root[0] ? v->missing_root
                                                         : v->verify_error));
    printf("name check: %s %s %s\n", v->host, v->host_ok ? "matches"
           : "does not match", "the certificate");
}
