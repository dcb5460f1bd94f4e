/* request.c - policy requests framed and split; anything Postfix would not
 * send (control bytes, lines without '=', repeated names, oversize) makes
 * the request malformed, and a malformed request gets no answer. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

void request_scan_reset(struct ft_reqscan *s)
{
    s->pos = 0;
    s->line_start = 0;
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

#ifdef __SSE2__
#include <emmintrin.h>

/* The end of the printable run from q: the next newline or control byte,
 * or len. Sixteen bytes at a time: a byte at most 0x1F or DEL ends it. */
static size_t printable_run(const unsigned char *p, size_t q, size_t len)
{
    const __m128i ctl = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f);

    while (q + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + q));
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v);
        int stop = _mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(v, del)));

        if (stop != 0)
            return q + (size_t)__builtin_ctz((unsigned)stop);
        q += 16;
    }
    while (q < len && p[q] >= ' ' && p[q] != 0x7f)
        q++;
    return q;
}
#else
/* Eight bytes at a time: a word holding no byte below ' ' (newlines and
 * other control bytes) and no DEL is skipped whole. */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static bool word_plain(uint64_t w)
{
    uint64_t below_space = (w - ONES * ' ') & ~w & HIGHS;
    uint64_t del = w ^ (ONES * 0x7f);

    return (below_space | ((del - ONES) & ~del & HIGHS)) == 0;
}

/* The end of the printable run from q: the next newline or control byte,
 * or len. */
static size_t printable_run(const unsigned char *p, size_t q, size_t len)
{
    uint64_t w;

    while (q + 8 <= len) {
        memcpy(&w, p + q, 8);
        if (!word_plain(w))
            break;
        q += 8;
    }
    while (q < len && p[q] >= ' ' && p[q] != 0x7f)
        q++;
    return q;
}
#endif

/* Runs of printable bytes are skipped in one tight loop (this scan was the
 * largest cost of a request); the limits are checked once per run, at the
 * first byte that would break one. */
enum ft_request request_scan(struct ft_reqscan *s, const char *buf,
                             size_t len, char *why, size_t whylen)
{
    while (s->pos < len) {
        const unsigned char *p = (const unsigned char *)buf;
        size_t q = s->pos, over = s->line_start + REQUEST_LINE_MAX;
        unsigned char c;

        q = printable_run(p, q, len);
        /* The first printable byte past a limit: the line's, or the
         * request's (the line's is named when both fall there). */
        if (over > REQUEST_SIZE_MAX)
            over = REQUEST_SIZE_MAX;
        if (over < q && over >= s->pos)
            return too_long(over - s->line_start >= REQUEST_LINE_MAX, why,
                            whylen);
        s->pos = q;
        if (q == len)
            break;
        if ((c = p[q]) != '\n') {
            snprintf(why, whylen, "control byte 0x%02X at offset %zu", c, q);
            return REQUEST_BAD;
        }
        if (q == s->line_start) {
            s->line_start = ++s->pos;
            return REQUEST_COMPLETE;
        }
        s->line_start = q + 1;
        if (q >= REQUEST_SIZE_MAX)
            return too_long(false, why, whylen);
        s->pos++;
    }
    return REQUEST_PARTIAL;
}

/* The names forcetls reads, in enum ft_attr_name's order. */
static const struct {
    const char *name;
    size_t len;
} attr_names[ATTR_NAMES] = {
#define NAME(s) { s, sizeof(s) - 1 }
    NAME("request"), NAME("protocol_state"), NAME("queue_id"),
    NAME("instance"), NAME("sender"), NAME("recipient"),
    NAME("client_address"), NAME("client_name"), NAME("client_port"),
    NAME("ccert_subject"), NAME("ccert_issuer"), NAME("ccert_fingerprint"),
    NAME("ccert_pubkey_fingerprint"), NAME("encryption_protocol"),
    NAME("encryption_cipher"), NAME("encryption_keysize"),
#undef NAME
};

/* The names' slots, by a hash of the length and the first and last
 * bytes, which tell them apart: one probe finds a name or shows that it is
 * not one of ours. Slots hold an index + 1; 0 is empty. */
#define NAME_SLOTS 64
static unsigned char name_slots[NAME_SLOTS];

static unsigned name_hash(const char *name, size_t len)
{
    return (unsigned)(len * 7 + (unsigned char)name[0] * 3
                      + (unsigned char)name[len - 1]) & (NAME_SLOTS - 1);
}

__attribute__((constructor)) static void name_slots_fill(void)
{
    for (unsigned i = 0; i < ATTR_NAMES; i++) {
        unsigned h = name_hash(attr_names[i].name, attr_names[i].len);

        while (name_slots[h] != 0)
            h = (h + 1) & (NAME_SLOTS - 1);
        name_slots[h] = (unsigned char)(i + 1);
    }
}

/* The attribute named name[0..len), len > 0; -1 for a name we do not
 * read. */
static int attr_index(const char *name, size_t len)
{
    for (unsigned h = name_hash(name, len);; h = (h + 1) & (NAME_SLOTS - 1)) {
        unsigned i = name_slots[h];

        if (i == 0)
            return -1;
        if (attr_names[i - 1].len == len
            && memcmp(attr_names[i - 1].name, name, len) == 0)
            return (int)i - 1;
    }
}

const char *request_get(const struct ft_request_attrs *req,
                        enum ft_attr_name name)
{
    return req->v[name];
}

static bool add_attr(struct ft_request_attrs *req, char *line, size_t n,
                     char *why, size_t whylen)
{
    char *eq = memchr(line, '=', n);
    int i;

    if (eq == NULL) {
        snprintf(why, whylen, "line without '=': \"%.40s\"", line);
        return false;
    }
    if (eq == line) {
        snprintf(why, whylen, "attribute without a name");
        return false;
    }
    if (req->n == REQUEST_ATTRS_MAX) {
        snprintf(why, whylen, "more than %d attributes", REQUEST_ATTRS_MAX);
        return false;
    }
    req->n++;
    if ((i = attr_index(line, (size_t)(eq - line))) < 0)
        return true;
    *eq = '\0';
    /* A name we read twice is refused, since which of the two counts
     * would be a guess. */
    if (req->v[i] != NULL) {
        snprintf(why, whylen, "attribute \"%.40s\" repeated", line);
        return false;
    }
    req->v[i] = eq + 1;
    return true;
}

bool request_parse(char *buf, size_t end, struct ft_request_attrs *req,
                   char *why, size_t whylen)
{
    char *line = buf, *nl;

    memset(req, 0, sizeof(*req));
    /* The scan guarantees buf ends with "\n\n" and holds no NUL. */
    while (line < buf + end
           && (nl = memchr(line, '\n', (size_t)(buf + end - line))) != NULL
           && nl != line) {
        *nl = '\0';
        if (!add_attr(req, line, (size_t)(nl - line), why, whylen))
            return false;
        line = nl + 1;
    }
    if (req->v[ATTR_REQUEST] == NULL) {
        snprintf(why, whylen, "no \"request\" attribute");
        return false;
    }
    return true;
}
