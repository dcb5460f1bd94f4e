/* logparse.c - verdict lines read back the way verdict_format() writes
 * them: bare values, or "..." with \", \\ and \xNN; a value can never
 * hold an unquoted space or '=', so no value can forge a key. */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "logparse.h"

/* Keys an older version did not write are optional: its lines still
 * read, with those values "". */
static const struct {
    const char *key;
    size_t klen, offset, size;
    bool optional;
} fields[] = {
#define F(k, o) { #k, sizeof(#k) - 1, offsetof(struct verdict_line, k), \
                  sizeof(((struct verdict_line *)0)->k), o }
    F(connector, false), F(verdict, false), F(reason, false),
    F(stage, false), F(client, false), F(sender, false),
    F(recipient, false), F(tls, false), F(cipher, false), F(bits, false),
    F(cert_subject, false), F(cert_issuer, false), F(cert_fp, true),
    F(pkey_fp, true), F(mode, false),
#undef F
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static int hex(int c)
{
    return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

/* Read one value at *p into out; advance *p past it. */
static bool read_value(const char **p, char *out, size_t len)
{
    const char *s = *p;
    size_t n = 0;

    if (*s != '"') {
        size_t w = strcspn(s, " ");
        /* verdict_format() quotes an empty value: "". */
        if (w == 0 || w >= len || memchr(s, '=', w) != NULL
            || memchr(s, '"', w))
            return false;
        memcpy(out, s, w);
        out[w] = '\0';
        *p = s + w;
        return true;
    }
    for (s++; *s != '"'; s++) {
        int c = (unsigned char)*s;
        if (c == '\0' || n + 1 >= len)
            return false;
        if (c == '\\') {
            if (s[1] == '"' || s[1] == '\\')
                c = (unsigned char)*++s;
            else if (s[1] == 'x' && hex(s[2]) >= 0 && hex(s[3]) >= 0) {
                c = hex(s[2]) << 4 | hex(s[3]);
                s += 3;
            } else
                return false;
        }
        out[n++] = (char)c;
    }
    out[n] = '\0';
    *p = s + 1;
    return **p == ' ' || **p == '\0';
}

static int field_index(const char *key, size_t klen)
{
    for (size_t i = 0; i < NFIELDS; i++)
        if (fields[i].klen == klen && memcmp(fields[i].key, key, klen) == 0)
            return (int)i;
    return -1;
}

/* "NOQUEUE:" or "QUEUEID:" and the first key: the line's signature. */
static const char *skip_queue_id(const char *p, struct verdict_line *v)
{
    size_t n = strcspn(p, ": ");

    if (p[n] != ':' || p[n + 1] != ' ' || n == 0 || n >= sizeof(v->queue_id))
        return NULL;
    snprintf(v->queue_id, sizeof(v->queue_id), "%.*s", (int)n,
             strncmp(p, "NOQUEUE", n) == 0 && n == 7 ? "" : p);
    p += n + 2;
    return strncmp(p, "connector=", 10) == 0 ? p : NULL;
}

bool logparse_verdict(const char *text, struct verdict_line *v)
{
    char seen[NFIELDS] = { 0 };
    char scratch[LOGPARSE_VALUE_MAX];
    const char *p;

    /* Every value empty; a whole memset would cost more than the parse. */
    for (size_t i = 0; i < NFIELDS; i++)
        ((char *)v + fields[i].offset)[0] = '\0';
    v->queue_id[0] = '\0';
    if ((p = skip_queue_id(text, v)) == NULL)
        return false;
    while (*p != '\0') {
        size_t klen = strcspn(p, "= ");
        int i = field_index(p, klen);

        if (p[klen] != '=')
            return false;
        p += klen + 1;
        if (i < 0) {
            if (!read_value(&p, scratch, sizeof(scratch)))
                return false;
        } else if (seen[i]++
                   || !read_value(&p, (char *)v + fields[i].offset,
                                  fields[i].size))
            return false;
        if (*p == ' ')
            p++;
    }
    for (size_t i = 0; i < NFIELDS; i++)
        if (!seen[i] && !fields[i].optional)
            return false;
    return true;
}
