/* request.c - policy requests framed and split; anything Postfix would not
 * send (control bytes, lines without '=', repeated names, oversize) makes
 * the request malformed, and a malformed request gets no answer. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

/* REQUEST_SIZE_MAX fits the line table's offsets. */
_Static_assert(REQUEST_SIZE_MAX <= UINT16_MAX, "offsets are 16 bits");

void request_scan_reset(struct ft_reqscan *s)
{
    s->pos = 0;
    s->line_start = 0;
    s->eq = SIZE_MAX;
    s->nlines = 0;
}

static enum ft_request too_long(bool line, char *why, size_t whylen)
{
    if (line)
        snprintf(why, whylen, "line longer than %d bytes", REQUEST_LINE_MAX);
    else
        snprintf(why, whylen, "request longer than %d bytes",
                 REQUEST_SIZE_MAX);
    return REQUEST_BAD;
}

/* A byte that ends a plain run: a newline, '=', another control byte or
 * DEL. */
static bool stop_byte(unsigned char c)
{
    return c < ' ' || c == '=' || c == 0x7f;
}

/* Bit i set when p[i] is a stop byte, for the n <= 16 bytes at p. */
static unsigned stops_in(const unsigned char *p, size_t n)
{
    unsigned m = 0;

    for (size_t i = 0; i < n; i++)
        m |= (unsigned)stop_byte(p[i]) << i;
    return m;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* stops_in(p, 16), sixteen bytes at once. */
static unsigned stops16(const unsigned char *p)
{
    const __m128i ctl = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f);
    const __m128i eq = _mm_set1_epi8('=');
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v);
    __m128i odd = _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, eq));

    return (unsigned)_mm_movemask_epi8(_mm_or_si128(low, odd));
}
#else
static unsigned stops16(const unsigned char *p)
{
    return stops_in(p, 16);
}
#endif

/* The bytes from s->pos up to q are plain: false when the first of them
 * past a limit (the line's, or the request's) is among them. */
static bool run_fits(const struct ft_reqscan *s, size_t q, char *why,
                     size_t whylen)
{
    size_t over = s->line_start + REQUEST_LINE_MAX;

    if (over > REQUEST_SIZE_MAX)
        over = REQUEST_SIZE_MAX;
    if (q <= over)
        return true;
    /* The line's limit is named when both fall there. */
    too_long(over - s->line_start >= REQUEST_LINE_MAX, why, whylen);
    return false;
}

/* A line ends at q: into the table, while there is room. */
static void line_end(struct ft_reqscan *s, size_t q)
{
    if (s->nlines < REQUEST_ATTRS_MAX) {
        s->line[s->nlines].end = (uint16_t)q;
        s->line[s->nlines].eq = (uint16_t)(s->eq == SIZE_MAX ? q : s->eq);
    }
    s->nlines++;
    s->eq = SIZE_MAX;
}

/* The stop byte at q, after the plain bytes before it: PARTIAL to read
 * on, or the request's end, or BAD. */
static enum ft_request stop_at(struct ft_reqscan *s, const unsigned char *p,
                               size_t q, char *why, size_t whylen)
{
    unsigned char c = p[q];

    /* A '=' past a limit is refused with the bytes after it: the next
     * stop or the block's end checks them. */
    if (!run_fits(s, q, why, whylen))
        return REQUEST_BAD;
    s->pos = q + 1;
    if (c == '=') {
        if (s->eq == SIZE_MAX)
            s->eq = q;
        return REQUEST_PARTIAL;
    }
    if (c != '\n') {
        snprintf(why, whylen, "control byte 0x%02X at offset %zu", c, q);
        return REQUEST_BAD;
    }
    if (q == s->line_start) {
        s->line_start = s->pos;
        return REQUEST_COMPLETE;
    }
    if (q >= REQUEST_SIZE_MAX) {
        too_long(false, why, whylen);
        return REQUEST_BAD;
    }
    line_end(s, q);
    s->line_start = s->pos;
    return REQUEST_PARTIAL;
}

/* Sixteen bytes at a time: the stop bytes of a block are found at once
 * and visited bit by bit (this scan was the largest cost of a request);
 * the limits are checked once per run of plain bytes. */
enum ft_request request_scan(struct ft_reqscan *s, const char *buf,
                             size_t len, char *why, size_t whylen)
{
    const unsigned char *p = (const unsigned char *)buf;

    while (s->pos < len) {
        size_t base = s->pos, n = len - base < 16 ? len - base : 16;
        unsigned m = n == 16 ? stops16(p + base) : stops_in(p + base, n);

        for (; m != 0; m &= m - 1) {
            enum ft_request st = stop_at(s, p, base + (size_t)__builtin_ctz(m),
                                         why, whylen);

            if (st != REQUEST_PARTIAL)
                return st;
        }
        if (!run_fits(s, base + n, why, whylen))
            return REQUEST_BAD;
        s->pos = base + n;
    }
    return REQUEST_PARTIAL;
}

/* The names forcetls reads, by length: no two of them have the length of
 * a third, so a name is found, or shown not to be one of ours, by at most
 * two memcmp and no hash. Each sits in the row of its own length by
 * construction; a second name put in a taken place would override it,
 * which -Woverride-init (in -Wextra) reports. */
#define NAME_LEN_MAX 24         /* "ccert_pubkey_fingerprint" */
#define NAMES_PER_LEN 2

struct attr_name {
    const char *name;           /* NULL: none */
    enum ft_attr_name attr;
};

#define NAME(s, k, a) [sizeof(s) - 1][k] = { s, a }
static const struct attr_name names_by_len[NAME_LEN_MAX + 1][NAMES_PER_LEN] = {
    NAME("sender", 0, ATTR_SENDER),
    NAME("request", 0, ATTR_REQUEST),
    NAME("queue_id", 0, ATTR_QUEUE_ID),
    NAME("instance", 1, ATTR_INSTANCE),
    NAME("recipient", 0, ATTR_RECIPIENT),
    NAME("client_name", 0, ATTR_CLIENT_NAME),
    NAME("client_port", 1, ATTR_CLIENT_PORT),
    NAME("ccert_issuer", 0, ATTR_CCERT_ISSUER),
    NAME("ccert_subject", 0, ATTR_CCERT_SUBJECT),
    NAME("protocol_state", 0, ATTR_PROTOCOL_STATE),
    NAME("client_address", 1, ATTR_CLIENT_ADDRESS),
    NAME("ccert_fingerprint", 0, ATTR_CCERT_FINGERPRINT),
    NAME("encryption_cipher", 1, ATTR_ENCRYPTION_CIPHER),
    NAME("encryption_keysize", 0, ATTR_ENCRYPTION_KEYSIZE),
    NAME("encryption_protocol", 0, ATTR_ENCRYPTION_PROTOCOL),
    NAME("ccert_pubkey_fingerprint", 0, ATTR_CCERT_PUBKEY_FINGERPRINT),
};
#undef NAME

/* The attribute named name[0..len), len > 0; -1 for a name we do not
 * read. */
static int attr_index(const char *name, size_t len)
{
    if (len > NAME_LEN_MAX)
        return -1;
    for (size_t k = 0; k < NAMES_PER_LEN; k++) {
        const struct attr_name *a = &names_by_len[len][k];

        if (a->name != NULL && memcmp(a->name, name, len) == 0)
            return (int)a->attr;
    }
    return -1;
}

const char *request_get(const struct ft_request_attrs *req,
                        enum ft_attr_name name)
{
    return req->v[name];
}

/* The line buf[start..end), its first '=' at eq (eq == end: none). */
static bool add_attr(struct ft_request_attrs *req, char *buf, size_t start,
                     size_t eq, size_t end, char *why, size_t whylen)
{
    char *line = buf + start;
    int i;

    buf[end] = '\0';
    if (eq == end) {
        snprintf(why, whylen, "line without '=': \"%.40s\"", line);
        return false;
    }
    if (eq == start) {
        snprintf(why, whylen, "attribute without a name");
        return false;
    }
    if ((i = attr_index(line, eq - start)) < 0)
        return true;
    buf[eq] = '\0';
    /* A name we read twice is refused, since which of the two counts
     * would be a guess. */
    if (req->v[i] != NULL) {
        snprintf(why, whylen, "attribute \"%.40s\" repeated", line);
        return false;
    }
    req->v[i] = buf + eq + 1;
    return true;
}

bool request_parse(char *buf, const struct ft_reqscan *scan,
                   struct ft_request_attrs *req, char *why, size_t whylen)
{
    size_t start = 0, n = scan->nlines;

    memset(req, 0, sizeof(*req));
    if (n > REQUEST_ATTRS_MAX)
        n = REQUEST_ATTRS_MAX;
    for (size_t k = 0; k < n; k++) {
        const struct ft_reqline *l = &scan->line[k];

        if (!add_attr(req, buf, start, l->eq, l->end, why, whylen))
            return false;
        start = (size_t)l->end + 1;
    }
    if (scan->nlines > REQUEST_ATTRS_MAX) {
        snprintf(why, whylen, "more than %d attributes", REQUEST_ATTRS_MAX);
        return false;
    }
    req->n = n;
    if (req->v[ATTR_REQUEST] == NULL) {
        snprintf(why, whylen, "no \"request\" attribute");
        return false;
    }
    return true;
}
