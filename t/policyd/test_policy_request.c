/* test_policy_request.c - policy requests framed and split: whole,
 * a byte at a time, and every kind of malformed input. */
#include <stdbool.h>
#include <stdlib.h>

#include "request.h"
#include "tap.h"

#define GOOD "request=smtpd_access_policy\nprotocol_state=RCPT\n" \
             "sender=a@contoso.example\nccert_subject=\n\n"

struct case_ {
    const char *name;
    const char *in;
    enum ft_request scan;     /* what scanning all of in says */
    bool parses;              /* when COMPLETE */
    const char *why;          /* part of the reason when refused */
};

static const struct case_ cases[] = {
    { "good request", GOOD, REQUEST_COMPLETE, true, NULL },
    { "no blank line yet", "request=smtpd_access_policy\n", REQUEST_PARTIAL,
      false, NULL },
    { "half a line", "request=smtpd_acc", REQUEST_PARTIAL, false, NULL },
    { "nothing", "", REQUEST_PARTIAL, false, NULL },
    { "blank line alone", "\n", REQUEST_COMPLETE, false,
      "no \"request\" attribute" },
    { "no request attribute", "sender=a@b.example\n\n", REQUEST_COMPLETE,
      false, "no \"request\"" },
    { "line without =", "request=smtpd_access_policy\nhello\n\n",
      REQUEST_COMPLETE, false, "without '='" },
    { "empty name", "request=smtpd_access_policy\n=x\n\n", REQUEST_COMPLETE,
      false, "without a name" },
    { "repeated name",
      "request=smtpd_access_policy\nsender=a@b\nsender=c@d\n\n",
      REQUEST_COMPLETE, false, "repeated" },
    { "carriage return", "request=smtpd_access_policy\r\n\r\n", REQUEST_BAD,
      false, "0x0D" },
    { "escape byte", "request=\x1b[2J\n\n", REQUEST_BAD, false, "0x1B" },
    { "DEL byte", "sender=\x7f\n\n", REQUEST_BAD, false, "0x7F" },
    { "HTTP", "GET / HTTP/1.0\r\n\r\n", REQUEST_BAD, false, "control" },
    { "value may hold '=' and UTF-8",
      "request=smtpd_access_policy\nsender=a=b@m\xc3\xbc.example\n\n",
      REQUEST_COMPLETE, true, NULL },
};

/* Scan the test input as if it arrived in pieces of step bytes. */
static enum ft_request scan_in_steps(const char *in, size_t len, size_t step,
                                     struct ft_reqscan *s, char *why,
                                     size_t wlen)
{
    enum ft_request st = REQUEST_PARTIAL;

    request_scan_reset(s);
    for (size_t have = step < len ? step : len;; have += step) {
        if (have > len)
            have = len;
        st = request_scan(s, in, have, why, wlen);
        if (st != REQUEST_PARTIAL || have == len)
            return st;
    }
}

/* Scan a whole request at once and parse it; false (why says) when
 * either refuses it. */
static bool scan_parse(char *buf, size_t len, struct ft_request_attrs *req,
                       char *why, size_t wlen)
{
    struct ft_reqscan s;

    request_scan_reset(&s);
    if (request_scan(&s, buf, len, why, wlen) != REQUEST_COMPLETE)
        return false;
    return request_parse(buf, &s, req, why, wlen);
}

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct case_ *c = &cases[i];
        size_t len = strlen(c->in);
        char *buf = malloc(len + 1), why[REQUEST_WHY_MAX] = "";
        struct ft_reqscan s;
        struct ft_request_attrs req;
        enum ft_request st;

        struct ft_reqscan whole;
        size_t kept;

        memcpy(buf, c->in, len + 1);
        scan_in_steps(buf, len, len, &whole, why, sizeof(why));
        for (size_t step = 1; step <= 7; step += 6) {
            st = scan_in_steps(buf, len, step, &s, why, sizeof(why));
            TAP_INT(st, c->scan, c->name);
            /* In pieces, the same lines as whole. */
            kept = s.nlines < REQUEST_ATTRS_MAX ? s.nlines : REQUEST_ATTRS_MAX;
            TAP_OK(s.nlines == whole.nlines
                       && memcmp(s.line, whole.line, kept * sizeof(s.line[0]))
                              == 0,
                   c->name, "step %zu: %zu lines, whole: %zu", step, s.nlines,
                   whole.nlines);
        }
        if (st == REQUEST_COMPLETE) {
            bool ok = request_parse(buf, &s, &req, why, sizeof(why));
            TAP_OK(ok == c->parses, c->name, "parse said %d (%s)", ok, why);
        }
        if (c->why != NULL)
            TAP_OK(strstr(why, c->why) != NULL, c->name,
                   "reason \"%s\" lacks \"%s\"", why, c->why);
        free(buf);
    }
}

static void test_nul(void)
{
    const char in[] = "request=smtpd\0access_policy\n\n";
    char why[REQUEST_WHY_MAX] = "";
    struct ft_reqscan s;

    request_scan_reset(&s);
    TAP_INT(request_scan(&s, in, sizeof(in) - 1, why, sizeof(why)),
            REQUEST_BAD, "NUL byte refused");
    TAP_OK(strstr(why, "0x00 at offset 13") != NULL, "NUL byte: reason",
           "%s", why);
}

static void test_attributes(void)
{
    char buf[] = GOOD "request=smtpd_access_policy\n\n";
    struct ft_request_attrs req;
    struct ft_reqscan s;
    char why[REQUEST_WHY_MAX];

    request_scan_reset(&s);
    TAP_INT(request_scan(&s, buf, strlen(buf), why, sizeof(why)),
            REQUEST_COMPLETE, "first of two requests complete");
    TAP_INT(s.pos, strlen(GOOD), "first request ends at its blank line");
    TAP_OK(request_parse(buf, &s, &req, why, sizeof(why)), "parse",
           "%s", why);
    TAP_INT(req.n, 4, "four attributes");
    TAP_STR(request_get(&req, ATTR_PROTOCOL_STATE), "RCPT", "value");
    TAP_STR(request_get(&req, ATTR_CCERT_SUBJECT), "", "empty value");
    TAP_OK(request_get(&req, ATTR_RECIPIENT) == NULL, "absent attribute",
           "found");
}

/* A byte in a long value at every offset, across the scanner's blocks:
 * control bytes and DEL end the request with their offset named, high
 * bytes (UTF-8) and spaces do not. */
static void test_every_offset(void)
{
    static const unsigned char bytes[] = { 0x00, 0x01, 0x1f, 0x7f,
                                           ' ', 0x80, 0xc3, 0xff };
    size_t wrong = 0, cases = 0;

    for (size_t b = 0; b < sizeof(bytes); b++) {
        bool bad = bytes[b] < ' ' || bytes[b] == 0x7f;

        for (size_t at = 0; at < 48; at++) {
            char buf[80], why[REQUEST_WHY_MAX], want[40];
            struct ft_reqscan s;
            size_t len = (size_t)snprintf(buf, sizeof(buf), "sender=%.48s\n\n",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

            buf[7 + at] = (char)bytes[b];
            request_scan_reset(&s);
            snprintf(want, sizeof(want), "0x%02X at offset %zu", bytes[b],
                     7 + at);
            cases++;
            if (request_scan(&s, buf, len, why, sizeof(why))
                    != (bad ? REQUEST_BAD : REQUEST_COMPLETE)
                || (bad && strstr(why, want) == NULL)) {
                wrong++;
                printf("# byte 0x%02X at %zu: %s\n", bytes[b], 7 + at,
                       bad ? why : "not complete");
            }
        }
    }
    TAP_INT(wrong, 0, "a byte at every offset of a long value");
    TAP_OK(cases == 8 * 48, "every offset tried", "%zu cases", cases);
}

/* Every name Postfix 3.7 sends: the ones forcetls reads each found with
 * its own value (names that share a prefix, recipient and
 * recipient_count, are told apart), the others counted and left alone,
 * even twice; a name we read given twice is refused. */
static void test_postfix_names(void)
{
    static const char *const names[] = {
        "request", "protocol_state", "protocol_name", "helo_name",
        "queue_id", "sender", "recipient", "recipient_count",
        "client_address", "client_name", "reverse_client_name", "instance",
        "sasl_method", "sasl_username", "sasl_sender", "size",
        "ccert_subject", "ccert_issuer", "ccert_fingerprint",
        "ccert_pubkey_fingerprint", "encryption_protocol",
        "encryption_cipher", "encryption_keysize", "etrn_domain", "stress",
        "policy_context", "server_address", "server_port", "client_port",
        "compatibility_level", "mail_version", "size",
    };
    static const struct { enum ft_attr_name name; size_t at; } read[] = {
        { ATTR_REQUEST, 0 }, { ATTR_PROTOCOL_STATE, 1 },
        { ATTR_QUEUE_ID, 4 }, { ATTR_SENDER, 5 }, { ATTR_RECIPIENT, 6 },
        { ATTR_CLIENT_ADDRESS, 8 }, { ATTR_CLIENT_NAME, 9 },
        { ATTR_INSTANCE, 11 }, { ATTR_CCERT_SUBJECT, 16 },
        { ATTR_CCERT_ISSUER, 17 }, { ATTR_CCERT_FINGERPRINT, 18 },
        { ATTR_CCERT_PUBKEY_FINGERPRINT, 19 },
        { ATTR_ENCRYPTION_PROTOCOL, 20 }, { ATTR_ENCRYPTION_CIPHER, 21 },
        { ATTR_ENCRYPTION_KEYSIZE, 22 }, { ATTR_CLIENT_PORT, 28 },
    };
    size_t n = sizeof(names) / sizeof(names[0]);
    char buf[4096], want[32], why[REQUEST_WHY_MAX];
    char twice[] = "request=x\nsender=a\ninstance=1\nsender=b\n\n";
    struct ft_request_attrs req;
    size_t len = 0, wrong = 0;

    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s=v%zu\n",
                                names[i], i);
    buf[len++] = '\n';
    TAP_OK(scan_parse(buf, len, &req, why, sizeof(why)),
           "Postfix's names: parsed (size, which we do not read, twice)",
           "%s", why);
    TAP_INT(req.n, n, "Postfix's names: every attribute counted");
    TAP_INT(sizeof(read) / sizeof(read[0]), ATTR_NAMES,
            "Postfix's names: every name we read is in the request");
    for (size_t i = 0; i < sizeof(read) / sizeof(read[0]); i++) {
        const char *v = request_get(&req, read[i].name);

        snprintf(want, sizeof(want), "v%zu", read[i].at);
        wrong += v == NULL || strcmp(v, want) != 0;
    }
    TAP_INT(wrong, 0, "Postfix's names: each found with its own value");
    TAP_OK(!scan_parse(twice, sizeof(twice) - 1, &req, why, sizeof(why))
               && strstr(why, "\"sender\" repeated") != NULL,
           "a name we read, twice: refused", "why \"%s\"", why);
}

static void test_limits(void)
{
    size_t n = REQUEST_LINE_MAX + 10;
    char *line = malloc(n + 3), *big, why[REQUEST_WHY_MAX];
    struct ft_reqscan s;
    size_t off = 0;

    memset(line, 'x', n);
    memcpy(line, "sender=", 7);
    request_scan_reset(&s);
    TAP_INT(request_scan(&s, line, n, why, sizeof(why)), REQUEST_BAD,
            "overlong line refused before its end");
    TAP_OK(strstr(why, "line longer") != NULL, "overlong line: reason", "%s",
           why);

    /* A '=' is where the scan stops for a line's name; as the first byte
     * past the limit it is refused at once, before the line ends. */
    for (size_t extra = 0; extra < 2; extra++) {
        size_t len = REQUEST_LINE_MAX + extra;
        char *eq = malloc(len);

        memset(eq, 'x', len);
        memcpy(eq, "sender=", 7);
        eq[len - 1] = '=';
        request_scan_reset(&s);
        why[0] = '\0';
        TAP_INT(request_scan(&s, eq, len, why, sizeof(why)),
                extra ? REQUEST_BAD : REQUEST_PARTIAL,
                extra ? "'=' just past the longest line: refused"
                      : "'=' ending the longest line: read on");
        TAP_OK(!extra || strstr(why, "line longer") != NULL,
               "'=' past the longest line: reason", "%s", why);
        free(eq);
    }

    /* Many short lines: the request is too big though each line is fine. */
    big = malloc(REQUEST_SIZE_MAX + 100);
    while (off + 20 < REQUEST_SIZE_MAX + 80)
        off += (size_t)sprintf(big + off, "a%06zu=xxxxxxxxxxx\n", off);
    request_scan_reset(&s);
    TAP_INT(request_scan(&s, big, off, why, sizeof(why)), REQUEST_BAD,
            "oversized request refused");
    TAP_OK(strstr(why, "request longer") != NULL, "oversized: reason", "%s",
           why);
    free(big);
    free(line);
}

/* REQUEST_ATTRS_MAX attributes are parsed; one more is refused. */
static void test_too_many(void)
{
    char buf[8192];
    size_t off = (size_t)sprintf(buf, "request=smtpd_access_policy\n");
    struct ft_request_attrs req;
    struct ft_reqscan s;
    char why[REQUEST_WHY_MAX] = "";

    for (int i = 0; i < REQUEST_ATTRS_MAX - 1; i++)
        off += (size_t)sprintf(buf + off, "a%d=x\n", i);
    buf[off] = '\n';
    request_scan_reset(&s);
    TAP_OK(request_scan(&s, buf, off + 1, why, sizeof(why))
               == REQUEST_COMPLETE
               && request_parse(buf, &s, &req, why, sizeof(why))
               && req.n == REQUEST_ATTRS_MAX,
           "as many attributes as allowed: parsed", "why \"%s\"", why);
    /* request_parse cut the lines in place: write them again, one more. */
    off = (size_t)sprintf(buf, "request=smtpd_access_policy\n");
    for (int i = 0; i < REQUEST_ATTRS_MAX; i++)
        off += (size_t)sprintf(buf + off, "a%d=x\n", i);
    buf[off++] = '\n';
    request_scan_reset(&s);
    TAP_INT(request_scan(&s, buf, off, why, sizeof(why)), REQUEST_COMPLETE,
            "too many attributes: framed");
    TAP_OK(!request_parse(buf, &s, &req, why, sizeof(why))
               && strstr(why, "more than") != NULL,
           "too many attributes: refused", "why \"%s\"", why);
}

int main(void)
{
    test_cases();
    test_nul();
    test_attributes();
    test_postfix_names();
    test_every_offset();
    test_limits();
    test_too_many();
    return tap_done();
}
