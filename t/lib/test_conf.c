/* test_conf.c - loading forcetls.conf: every validation error names file,
 * line and what is wrong; a good file compiles to what it says. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "tap.h"

static char dir[] = "/tmp/ft-conf-XXXXXX";
static char path[256];

static void write_conf(const char *text)
{
    FILE *fp = fopen(path, "w");

    if (fp == NULL) {
        perror(path);
        exit(99);
    }
    fputs(text, fp);
    fclose(fp);
}

struct error_case {
    const char *name;
    const char *text;
    int line;
    const char *want;     /* substring of the message */
};

#define IN "connector p {\n direction = inbound\n"
#define OUT "connector o {\n direction = outbound\n"

static const struct error_case error_cases[] = {
    { "unknown key", IN " sender_domains = { \"a.example\" }\n bogus = 1\n}\n",
      4, "no such option 'bogus'" },
    { "unclosed section", IN " sender_domains = { \"a.example\" }\n", 1,
      "connector \"p\": the '{' here is never closed" },
    { "syntax error", IN " sender_domains = { \"a.example\" \n}\n", 1,
      "the '{' here is never closed" },
    { "stray closing brace", IN " sender_domains = { \"a.example\" }\n}\n}\n",
      5, "" },
    { "bad domain pattern", IN " sender_domains = { \"a.example\",\n"
      "  \"*a.example\" }\n}\n", 4,
      "connector \"p\": sender_domains \"*a.example\" is not a domain name" },
    { "wildcard in the middle", IN " recipient_domains = { \"a.*.example\" }\n"
      "}\n", 3, "recipient_domains \"a.*.example\" is not a domain name" },
    { "address instead of domain", IN
      " sender_domains = { \"bob@a.example\" }\n}\n", 3,
      "is an address, not a domain; perhaps you should use \"a.example\"" },
    { "empty label", IN " sender_domains = { \"a..example\" }\n}\n", 3,
      "\"a..example\" is not a domain name" },
    { "comments do not shift lines", "# a\n// b\n/* c\n d */\n" IN
      " # x\n sender_domains = { \"a..example\" } # y\n}\n", 8,
      "sender_domains \"a..example\" is not a domain name" },
    { "comments do not shift global lines", "# a\n# b\nlog_passes = maybe\n",
      3, "invalid boolean value for option 'log_passes'" },
    { "bad CIDR", IN " sender_domains = { \"a.example\" }\n"
      " client_addresses = { \"192.0.2.0/33\" }\n}\n", 4,
      "client_addresses \"192.0.2.0/33\" is not an IPv4 or IPv6 network" },
    { "CIDR host bits", IN " sender_domains = { \"a.example\" }\n"
      " client_addresses = { \"192.0.2.1/24\" }\n}\n", 4,
      "(host bits must be zero)" },
    { "bad IPv6 CIDR", IN " sender_domains = { \"a.example\" }\n"
      " client_addresses = { \"2001:db8::/129\" }\n}\n", 4,
      "\"2001:db8::/129\" is not an IPv4 or IPv6 network" },
    { "unknown TLS version", IN " sender_domains = { \"a.example\" }\n"
      " min_tls_version = \"TLSv1.4\"\n}\n", 4,
      "connector \"p\": min_tls_version \"TLSv1.4\" is not one of SSLv3, "
      "TLSv1, TLSv1.1, TLSv1.2, TLSv1.3" },
    { "inbound without scope", IN " min_tls_version = \"TLSv1.2\"\n}\n", 1,
      "connector \"p\": an inbound connector needs sender_domains or "
      "recipient_domains" },
    { "client_addresses without sender_domains", IN
      " recipient_domains = { \"a.example\" }\n"
      " client_addresses = { \"192.0.2.0/24\" }\n}\n", 1,
      "client_addresses says where a partner's sender_domains may send from" },
    { "names contradict require_certificate", IN
      " sender_domains = { \"a.example\" }\n"
      " require_certificate = false\n"
      " certificate_names = { \"mx.a.example\" }\n}\n", 1,
      "require_certificate = false contradicts certificate_names" },
    { "missing direction", "connector p {\n sender_domains = { \"a.example\" }"
      "\n}\n", 1, "connector \"p\": direction is required (inbound or "
      "outbound)" },
    { "bad direction", "connector p {\n direction = sideways\n}\n", 2,
      "direction \"sideways\" is not one of inbound, outbound" },
    { "bad mode", IN " mode = test\n}\n", 3,
      "mode \"test\" is not one of enforce, monitor" },
    { "bad action", IN " action = bounce\n}\n", 3,
      "action \"bounce\" is not one of reject, defer" },
    { "bad tls_level", OUT " tls_level = must\n}\n", 3,
      "tls_level \"must\" is not one of encrypt, verify, secure" },
    { "outbound key on inbound", IN " sender_domains = { \"a.example\" }\n"
      " tls_level = secure\n}\n", 1,
      "tls_level does not apply to inbound connectors" },
    { "inbound key on outbound", OUT " recipient_domains = { \"a.example\" }\n"
      " sender_domains = { \"b.example\" }\n}\n", 1,
      "sender_domains does not apply to outbound connectors" },
    { "outbound without domains", OUT "}\n", 1,
      "an outbound connector needs recipient_domains" },
    { "two outbound connectors on one domain", OUT
      " recipient_domains = { \"a.example\" }\n}\n"
      "connector o2 {\n direction = outbound\n"
      " recipient_domains = { \"A.example.\" }\n}\n", 5,
      "connector \"o2\": recipient_domains \"a.example\" is already served by "
      "outbound connector \"o\" (line 1)" },
    { "untitled connector, stray quote", "connector{}\"", 1,
      "the quote here is never closed" },
    { "untitled connector", "log_passes = true\nconnector {\n}\n", 2,
      "a connector needs a name: connector NAME { ... }" },
    { "stray quote at the end", "log_passes = true\n'", 2,
      "the quote here is never closed" },
    { "duplicate connector name", IN " sender_domains = { \"a.example\" }\n}\n"
      IN " sender_domains = { \"b.example\" }\n}\n", 5,
      "connector \"p\" is defined twice (first at line 1)" },
    { "unreadable certificate file", IN " sender_domains = { \"a.example\" }\n"
      " certificate_files = { \"/nonexistent/p.pem\" }\n}\n", 4,
      "certificate_files \"/nonexistent/p.pem\" cannot be read: No such file" },
    { "unreadable trust anchor", OUT " recipient_domains = { \"a.example\" }\n"
      " trust_anchor_files = { \"/nonexistent/ta.pem\" }\n}\n", 4,
      "trust_anchor_files \"/nonexistent/ta.pem\" cannot be read" },
    { "bad fingerprint", IN " sender_domains = { \"a.example\" }\n"
      " certificate_fingerprints = { \"SHA256:zz\" }\n}\n", 4,
      "certificate_fingerprints \"SHA256:zz\" is not a hex fingerprint" },
    { "fingerprint level without pins", OUT
      " recipient_domains = { \"a.example\" }\n tls_level = fingerprint\n}\n",
      1, "tls_level = fingerprint needs certificate_fingerprints" },
    { "names with encrypt", OUT " recipient_domains = { \"a.example\" }\n"
      " tls_level = encrypt\n certificate_names = { \"mx.a.example\" }\n}\n",
      1, "certificate_names need tls_level = secure or verify" },
    { "bits out of range", IN " sender_domains = { \"a.example\" }\n"
      " min_cipher_bits = -1\n}\n", 4,
      "min_cipher_bits -1 is not between 0 and 512" },
    { "key bits out of range", OUT " recipient_domains = { \"a.example\" }\n"
      " min_key_bits = 99999\n}\n", 4,
      "min_key_bits 99999 is not between 0 and 16384 (RSA modulus or EC "
      "curve bits" },
    { "key bits inbound", IN " sender_domains = { \"a.example\" }\n"
      " min_key_bits = 2048\n}\n", 1, "connector \"p\": min_key_bits applies "
      "to outbound connectors only: Postfix tells milters and policy servers "
      "nothing about a client's key" },
    { "expiry warning out of range", "syslog_facility = mail\n"
      "expiry_warning_days = -1\n", 2,
      "expiry_warning_days -1 is not between 0 and 3650" },
    { "reply_text with a newline", IN " sender_domains = { \"a.example\" }\n"
      " reply_text = \"a\\nb\"\n}\n", 4,
      "reply_text contains a control character" },
    { "bad connector name", "connector \"a b\" {\n direction = inbound\n"
      " sender_domains = { \"a.example\" }\n}\n", 1,
      "a name may hold only letters, digits" },
    { "bad syslog facility", "syslog_facility = \"kern2\"\n", 1,
      "syslog_facility \"kern2\" is not a syslog facility" },
    { "bad listen address", "policyd {\n policy_listen = { \"tcp:1\" }\n}\n",
      2, "policy_listen \"tcp:1\" is not \"unix:/path\" or \"inet:HOST:PORT\"" },
    { "bad digest", "policyd {\n fingerprint_digest = sha512\n}\n", 2,
      "fingerprint_digest \"sha512\" is not one of sha256, sha1, md5" },
    { "idle timeout of zero", "policyd {\n idle_timeout = 0\n}\n", 2,
      "idle_timeout 0 is not between 10 and 86400 seconds" },
    { "outbound name with a separator", OUT
      " recipient_domains = { \"a.example\" }\n"
      " certificate_names = { \"mx.a.example, mx2.a.example\" }\n}\n", 1,
      "certificate_names \"mx.a.example, mx2.a.example\" holds a space, ',' "
      "or ':'" },
    { "bad socket mode", "milter {\n socket_mode = \"rw\"\n}\n", 2,
      "socket_mode \"rw\" is not an octal mode" },
    { "a connector starts at its '{'", "connector p\n{\n direction = inbound"
      "\n}\n", 2, "connector \"p\": an inbound connector needs "
      "sender_domains" },
    { "untitled connector, '{' on the next line", "connector\n{\n}\n", 2,
      "a connector needs a name: connector NAME { ... }" },
};

/* Cases whose want is all of the message. */
static const struct error_case exact_cases[] = {
    { "unclosed comment", IN " sender_domains = { \"a.example\" }\n}\n"
      "/* the end\n", 5, "the /* comment here is never closed" },
    { "unclosed second connector", IN " sender_domains = { \"a.example\" }"
      "\n}\nconnector q {\n direction = inbound\n", 5,
      "connector \"q\": the '{' here is never closed" },
    { "unclosed section on a connector's line", "connector a { direction = "
      "inbound sender_domains = { \"a.example\" } } policyd {\n", 1,
      "the '{' here is never closed" },
    { "a quote inside ${...} opens no string", "syslog_facility = "
      "${\":-mail}\"}\n", 1, "the quote here is never closed" },
};

static void test_errors(const struct error_case *cases, size_t n, bool whole)
{
    for (size_t i = 0; i < n; i++) {
        const struct error_case *k = &cases[i];
        struct ft_err err = { "", 0, "" };
        struct ft_conf *conf;

        write_conf(k->text);
        conf = conf_load(path, &err);
        TAP_OK(conf == NULL && strcmp(err.file, path) == 0
               && err.line == k->line
               && (whole ? strcmp(err.msg, k->want) == 0
                         : strstr(err.msg, k->want) != NULL),
               k->name, "got %s %s:%d: %s; want line %d: %s",
               conf ? "success" : "error", err.file, err.line, err.msg,
               k->line, k->want);
        conf_unref(conf);
    }
}

static void test_missing_file(void)
{
    struct ft_err err;

    TAP_OK(conf_load("/nonexistent/forcetls.conf", &err) == NULL
           && strstr(err.msg, "No such file") != NULL
           && strcmp(err.file, "/nonexistent/forcetls.conf") == 0,
           "missing file names the file", "got %s: %s", err.file, err.msg);
}

static void test_directory(void)
{
    struct ft_err err;

    TAP_OK(conf_load(dir, &err) == NULL && strstr(err.msg, "Is a directory"),
           "a directory is not a configuration", "got %s", err.msg);
}

static void test_compiled(void)
{
    struct ft_err err;
    struct ft_conf *conf;
    const struct ft_connector *c;

    write_conf("# partners\nlog_passes = false\n"
               "connector \"contoso-in\" {\n direction = inbound\n"
               " sender_domains = { \"Contoso.Example.\", \"*.contoso.example\" }\n"
               " client_addresses = { \"203.0.113.0/24\", \"2001:db8::/32\" }\n"
               " certificate_names = { \"mail.contoso.example\" }\n"
               " action = defer\n mode = monitor\n}\n"
               "/* a comment with connector fake { */\n"
               "connector contoso-out {\n direction = outbound\n"
               " recipient_domains = { \"contoso.example\" }\n"
               " min_key_bits = 2048\n}\n");
    conf = conf_load(path, &err);
    TAP_OK(conf != NULL, "good file loads", "%s:%d: %s", err.file, err.line,
           err.msg);
    if (conf == NULL)
        return;
    TAP_INT(conf->nconnectors, 2, "two connectors");
    TAP_INT(conf->log_passes, 0, "log_passes read");
    c = &conf->connectors[0];
    TAP_STR(c->name, "contoso-in", "quoted title");
    TAP_INT(c->line, 3, "connector line is where it starts");
    TAP_INT(conf->connectors[1].line, 12, "comments do not confuse lines");
    TAP_STR(c->sender_domains.v[0], "contoso.example", "normalized domain");
    TAP_STR(c->sender_domains.v[1], "*.contoso.example", "wildcard kept");
    TAP_INT(c->require_cert, 1, "certificate_names imply a certificate");
    TAP_INT(c->min_version, FT_TLS_V1_2, "TLSv1.2 is the default minimum");
    TAP_INT(c->action, FT_ACTION_DEFER, "action");
    TAP_INT(c->mode, FT_MODE_MONITOR, "mode");
    TAP_INT(c->nnetworks, 2, "networks");
    TAP_INT(conf->connectors[1].level, FT_LEVEL_SECURE,
            "outbound defaults to secure");
    TAP_INT(conf->connectors[1].min_key_bits, 2048, "min_key_bits read");
    TAP_INT(c->min_key_bits, 0, "no min_key_bits by default");
    TAP_INT(conf->expiry_warning_days, 30, "expiry_warning_days defaults to 30");
    TAP_STR(conf->milter.socket, "unix:/var/spool/postfix/forcetls/milter.sock",
            "default milter socket");
    conf_unref(conf);
}

/* Each of many connectors keeps its line, and a name used again is found
 * however far from the first. */
static void test_many(void)
{
    char *text = malloc(101 * 96), *end = text;
    struct ft_err err = { "", 0, "" };
    struct ft_conf *conf;

    if (text == NULL) {
        perror("malloc");
        exit(99);
    }
    for (int i = 0; i < 100; i++)
        end += sprintf(end, "connector p%d {\n direction = inbound\n"
                       " sender_domains = { \"d%d.example\" }\n}\n", i, i);
    write_conf(text);
    conf = conf_load(path, &err);
    TAP_OK(conf != NULL, "100 connectors load", "%s:%d: %s", err.file,
           err.line, err.msg);
    if (conf != NULL) {
        TAP_INT(conf->nconnectors, 100, "each connector kept");
        TAP_INT(conf->nconnectors == 100 ? conf->connectors[99].line : 0, 397,
                "the last one keeps its line");
    }
    conf_unref(conf);
    sprintf(end, "connector p42 {\n direction = inbound\n"
            " sender_domains = { \"x.example\" }\n}\n");
    write_conf(text);
    conf = conf_load(path, &err);
    TAP_OK(conf == NULL && err.line == 401
           && strstr(err.msg, "connector \"p42\" is defined twice (first at "
                     "line 169)") != NULL,
           "100 connectors and a duplicate at the end", "got %s %d: %s",
           conf ? "success" : "error", err.line, err.msg);
    conf_unref(conf);
    free(text);
}

/* A connector may come before the policyd section whose digest the pins
 * of its certificate_files take. */
static void test_digest_after_pins(void)
{
    const char *top = getenv("top_srcdir");
    char text[1024];
    struct ft_err err;
    struct ft_conf *conf;
    const struct ft_connector *c;

    if (top == NULL) {
        TAP_OK(false, "pins take a later fingerprint_digest",
               "top_srcdir is not set: run under make check");
        return;
    }
    snprintf(text, sizeof(text), "connector p {\n direction = inbound\n"
             " sender_domains = { \"a.example\" }\n certificate_files = "
             "{ \"%s/t/admin/data/partner-root.pem\" }\n}\n"
             "policyd {\n fingerprint_digest = md5\n}\n", top);
    write_conf(text);
    conf = conf_load(path, &err);
    TAP_OK(conf != NULL, "a pinned file before its digest loads",
           "%s:%d: %s", err.file, err.line, err.msg);
    if (conf == NULL)
        return;
    c = &conf->connectors[0];
    TAP_INT(c->pins.n, 2, "the certificate and its key are pinned");
    TAP_STR(c->pins.n > 0 ? c->pins.v[0] : "",
            "5C:67:A2:8B:2C:2A:7B:70:55:DC:03:20:2C:AF:26:40",
            "the certificate's pin takes the later digest");
    TAP_STR(c->pins.n > 1 ? c->pins.v[1] : "",
            "A2:B8:D0:A4:98:8D:39:98:E2:1E:30:49:E0:E9:8A:24",
            "its key's pin likewise");
    TAP_INT(c->require_cert, 1, "a pinned file implies a certificate");
    conf_unref(conf);
}

int main(void)
{
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 99;
    }
    snprintf(path, sizeof(path), "%s/forcetls.conf", dir);
    test_errors(error_cases, sizeof(error_cases) / sizeof(error_cases[0]),
                false);
    test_errors(exact_cases, sizeof(exact_cases) / sizeof(exact_cases[0]),
                true);
    test_missing_file();
    test_directory();
    test_compiled();
    test_many();
    test_digest_after_pins();
    unlink(path);
    rmdir(dir);
    return tap_done();
}
