/* fuzz.c - the helpers every libFuzzer target links (see fuzz.h). */
#include "conf_fixture.h"
#include "fuzz.h"

void fuzz_no_log(int prio, const char *label, const char *line)
{
    (void)prio;
    (void)label;
    (void)line;
}

char *fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (s == NULL)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    log_set_sink(fuzz_no_log);
    return s;
}

size_t fuzz_fields(char *s, char sep, char **out, size_t n)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        out[i] = NULL;
    while (s != NULL && k < n) {
        char *e = k + 1 < n ? strchr(s, sep) : NULL;

        out[k++] = s;
        if (e != NULL)
            *e++ = '\0';
        s = e;
    }
    return k;
}

static const char fuzz_conf_text[] =
    "connector strict {\n direction = inbound\n"
    " sender_domains = { \"contoso.example\", \"*.contoso.example\" }\n"
    " client_addresses = { \"192.0.2.0/24\", \"2001:db8::/32\" }\n"
    " min_tls_version = \"TLSv1.2\"\n require_forward_secrecy = true\n"
    " min_cipher_bits = 128\n"
    " certificate_names = { \"mail.contoso.example\" }\n"
    " certificate_issuers = { \"Contoso CA\" }\n}\n"
    "connector pinned {\n direction = inbound\n"
    " recipient_domains = { \"hr.example\" }\n"
    " certificate_fingerprints = { \"SHA256:" 
    "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF\" }\n}\n"
    "connector watch {\n direction = inbound\n mode = monitor\n"
    " action = defer\n sender_domains = { \"fabrikam.example\" }\n}\n"
    "connector out {\n direction = outbound\n"
    " recipient_domains = { \"contoso.example\", \"*.contoso.example\" }\n"
    " tls_level = secure\n certificate_names = { \"mx.contoso.example\" }\n}\n";

struct ft_conf *fuzz_conf(void)
{
    static struct ft_conf *conf;

    if (conf == NULL)
        conf = fixture_conf(fuzz_conf_text);
    return conf;
}

