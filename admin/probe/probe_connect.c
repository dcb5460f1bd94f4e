/* probe_connect.c - reaching a partner's server as Postfix's SMTP client
 * would: the next hop resolved (MX hosts best first, or the host given),
 * banner, EHLO, STARTTLS and the handshake, then what the server showed,
 * its chain verified against the trust anchors that apply. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include <openssl/x509v3.h>

#include "probe.h"
#include "tool.h"

/* Endpoints one chain's check asks at most: a leaf and an intermediate
 * name two or three each. */
#define PROBE_MAX_ENDPOINTS 8

int probe_resolve(const char *arg, struct target *t, char *err,
                  size_t errlen)
{
    const char *colon;
    int found;

    memset(t, 0, sizeof(*t));
    snprintf(t->port, sizeof(t->port), "25");
    if (arg[0] == '[') {
        const char *close = strchr(arg, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':'))
            return snprintf(err, errlen, "\"%s\": want [HOST] or [HOST]:PORT",
                            arg), EX_USAGE;
        snprintf(t->name, sizeof(t->name), "%.*s", (int)(close - arg - 1),
                 arg + 1);
        if (close[1] == ':')
            snprintf(t->port, sizeof(t->port), "%s", close + 2);
    } else if ((colon = strrchr(arg, ':')) != NULL) {
        snprintf(t->name, sizeof(t->name), "%.*s", (int)(colon - arg), arg);
        snprintf(t->port, sizeof(t->port), "%s", colon + 1);
    } else {
        snprintf(t->name, sizeof(t->name), "%s", arg);
        if ((found = mx_lookup(arg, t->hosts, &t->nhosts, err, errlen)) < 0)
            return EX_NOHOST;
        if (found > 0)
            return 0;
    }
    snprintf(t->hosts[0], MX_NAME, "%s", t->name);
    t->nhosts = 1;
    return 0;
}

/* "250-STARTTLS" or "250 STARTTLS" among the EHLO reply's lines. */
static bool ehlo_has_starttls(const char *reply)
{
    const char *l = reply;

    for (;;) {
        size_t len = strcspn(l, "\n");

        if (len == 12 && strncasecmp(l + 4, "STARTTLS", 8) == 0)
            return true;
        if (l[len] == '\0')
            return false;
        l += len + 1;
    }
}

/* Banner, EHLO, STARTTLS and the handshake on one server. */
static int starttls(struct smtp_session *s, const struct probe_opts *o,
                    const char *host, const char *port, bool verbose,
                    struct probe_view *v, char *err, size_t errlen)
{
    char text[SMTP_TEXT], cmd[300], me[256];
    int code, rc;

    long ms = o->timeout * 1000L;

    /* --all's deadline cuts the last exchange short. */
    if (o->until_ms != 0 && o->until_ms - tool_clock_ms() < ms)
        ms = o->until_ms - tool_clock_ms();
    if ((rc = smtp_connect(s, host, port, ms > 0 ? ms : 1, err, errlen)) != 0)
        return rc;
    if (verbose)
        printf("server: %s\n", s->peer);
    if ((rc = smtp_reply(s, v->banner, sizeof(v->banner), &code, err,
                         errlen)) != 0)
        return rc;
    if (code != 220)
        return snprintf(err, errlen, "%s refuses the session: %.500s", s->peer,
                        v->banner), EX_PROTOCOL;
    if (o->helo == NULL && gethostname(me, sizeof(me)) != 0)
        snprintf(me, sizeof(me), "localhost");
    snprintf(cmd, sizeof(cmd), "EHLO %s", o->helo ? o->helo : me);
    if ((rc = smtp_command(s, cmd, text, sizeof(text), &code, err,
                           errlen)) != 0)
        return rc;
    if (code != 250)
        return snprintf(err, errlen, "%s refuses EHLO: %.500s", s->peer, text),
               EX_PROTOCOL;
    if (!ehlo_has_starttls(text))
        return snprintf(err, errlen, "%s does not offer STARTTLS; its EHLO "
                        "reply was:\n%.1000s", s->peer, text), EX_PROTOCOL;
    if ((rc = smtp_command(s, "STARTTLS", text, sizeof(text), &code, err,
                           errlen)) != 0)
        return rc;
    if (code != 220)
        return snprintf(err, errlen, "%s refuses STARTTLS: %.500s", s->peer,
                        text), EX_PROTOCOL;
    return smtp_tls(s, host, o->client_cert, o->client_key, err, errlen);
}

/* Try the servers in turn until one answers; the first error otherwise. */
int probe_connect(const struct probe_opts *o, const struct target *t,
                  const struct ft_connector *c, const struct probe_postfix *pf,
                  bool verbose, struct probe_seen *ps, char *err,
                  size_t errlen)
{
    char why[SMTP_TEXT + 256];
    int rc = EX_UNAVAILABLE, first_rc = 0;

    memset(ps, 0, sizeof(*ps));
    ps->s.fd = -1;
    for (size_t i = 0; i < t->nhosts; i++) {
        if ((rc = starttls(&ps->s, o, t->hosts[i], t->port, verbose, &ps->v,
                           why, sizeof(why))) == 0) {
            ps->v.host = t->hosts[i];
            break;
        }
        if (first_rc == 0)
            first_rc = rc, snprintf(err, errlen, "%s", why);
        smtp_close(&ps->s);
        /* Only an unreachable server makes the next MX worth a try. */
        if (rc != EX_UNAVAILABLE && rc != EX_TEMPFAIL)
            break;
    }
    if (rc != 0)
        return first_rc;
    ps->v.nexthop = t->name;
    ps->v.protocol = SSL_get_version(ps->s.ssl);
    ps->v.cipher = SSL_get_cipher_name(ps->s.ssl);
    ps->v.bits = SSL_get_cipher_bits(ps->s.ssl, NULL);
    ps->leaf = SSL_get1_peer_certificate(ps->s.ssl);
    ps->v.has_cert = ps->leaf != NULL;
    if (ps->leaf != NULL) {
        ps->verified = probe_verify_chain(ps->leaf,
                                          SSL_get_peer_cert_chain(ps->s.ssl),
                                          c, pf, &ps->v);
        ps->v.chain = ps->verified ? ps->verified
                                   : SSL_get_peer_cert_chain(ps->s.ssl);
        ps->v.host_ok = X509_check_host(ps->leaf, ps->v.host, 0, 0, NULL) == 1;
    }
    return 0;
}

void probe_seen_free(struct probe_seen *ps)
{
    sk_X509_pop_free(ps->verified, X509_free);
    X509_free(ps->leaf);
    smtp_close(&ps->s);
}

void probe_revocation_budget(const struct probe_opts *o, struct rev_budget *b)
{
    rev_budget_init(b, PROBE_MAX_ENDPOINTS, o->timeout, o->timeout,
                    o->allowed.v, o->allowed.n);
    if (o->until_ms != 0 && o->until_ms < b->until_ms)
        b->until_ms = o->until_ms;
}
