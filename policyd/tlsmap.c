/* tlsmap.c - one socketmap query: keys an outbound connector serves get
 * "OK <policy>", any other key "NOTFOUND " (Postfix's own TLS settings
 * apply), an unknown map name "PERM", and trouble rendering a policy
 * "TEMP": mail waits rather than leave under a weaker policy. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "strbuf.h"
#include "tlsmap.h"
#include "tlspolicy.h"

static size_t reply(char *out, size_t outlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static size_t reply(char *out, size_t outlen, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(out, outlen, fmt, ap);
    va_end(ap);
    return n < 0 ? 0 : (size_t)n < outlen ? (size_t)n : outlen - 1;
}

/* "STATUS text", cut to fit as reply() would cut it, without a format:
 * NOTFOUND and OK answer nearly every query. */
static size_t status_reply(const char *status, const char *text, size_t n,
                           char *out, size_t outlen)
{
    struct ft_strbuf sb;

    strbuf_init(&sb, out, outlen);
    strbuf_puts(&sb, status);
    strbuf_putn(&sb, text, n);
    return sb.pos < outlen ? sb.pos : outlen > 0 ? outlen - 1 : 0;
}

static bool printable(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] == 0x7f)
            return false;
    return true;
}

static size_t answer_key(const struct ft_conf *conf, const char *key,
                         char *out, size_t outlen)
{
    const struct ft_connector *c = tlspolicy_lookup(conf, key);
    char policy[TLSMAP_REPLY_MAX - 3];
    int n;

    if (c == NULL)
        return status_reply("NOTFOUND ", "", 0, out, outlen);
    n = tlspolicy_render(c, policy, sizeof(policy));
    if (n < 0 || (size_t)n >= sizeof(policy)) {
        log_error("tlsmap: key %s: connector \"%s\" (%s:%d) cannot be "
                  "written as an smtp_tls_policy_maps value (%s); answering "
                  "TEMP so that mail waits", key, c->name, conf->path,
                  c->line, n < 0 ? "a name or file holds a space, ',' or ':'"
                                 : "too long");
        return reply(out, outlen, "TEMP connector %s: policy cannot be "
                     "rendered", c->name);
    }
    log_info("tlsmap: key=%s connector=%s policy=\"%s\"", key, c->name,
             policy);
    return status_reply("OK ", policy, (size_t)n, out, outlen);
}

size_t tlsmap_answer(const struct ft_conf *conf, const char *query,
                     size_t qlen, char *out, size_t outlen)
{
    const char *sp = memchr(query, ' ', qlen);
    const char *name = conf->policyd.tlsmap_name;
    char key[TLSMAP_QUERY_MAX + 1];
    size_t nlen, klen;

    if (sp == NULL || sp == query)
        return reply(out, outlen, "PERM malformed query: want \"NAME KEY\"");
    nlen = (size_t)(sp - query);
    klen = qlen - nlen - 1;
    if (!printable(query, nlen) || !printable(sp + 1, klen)
        || klen >= sizeof(key)) {
        log_warn("tlsmap: malformed query of %zu bytes; answering PERM",
                 qlen);
        return reply(out, outlen, "PERM malformed query");
    }
    if (nlen != strlen(name) || memcmp(query, name, nlen) != 0) {
        log_warn("tlsmap: query for map \"%.*s\"; this server answers "
                 "\"%s\" (socketmap:...:%s in main.cf)", (int)nlen, query,
                 name, name);
        return reply(out, outlen, "PERM unknown map %.*s; this server "
                     "answers %s", (int)nlen, query, name);
    }
    memcpy(key, sp + 1, klen);
    key[klen] = '\0';
    return answer_key(conf, key, out, outlen);
}
