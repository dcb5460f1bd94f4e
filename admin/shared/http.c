/* http.c - fetch a CRL or ask an OCSP responder over HTTP with libcurl:
 * a maintained client (redirects, proxies from the environment, IPv6,
 * chunked replies) rather than one more hand-written one. The URL comes
 * from a certificate, so the request is bounded: http and https only, a
 * few redirects, a time limit, a size limit, and every address libcurl
 * is about to connect to (a redirect's too) must be public unless the
 * administrator allowed its network: a certificate must not make the
 * mail server probe its own loopback or LAN. */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <curl/curl.h>

#include "http.h"
#include "tool.h"

/* RFC 6890's special-purpose networks, and what they are. */
static const struct {
    const char *net, *what;
} special[] = {
    { "0.0.0.0/8", "a 'this network' address" },
    { "10.0.0.0/8", "a private address" },
    { "100.64.0.0/10", "a shared address space (CGN) address" },
    { "127.0.0.0/8", "a loopback address" },
    { "169.254.0.0/16", "a link-local address" },
    { "172.16.0.0/12", "a private address" },
    { "192.0.0.0/24", "an IETF protocol address" },
    { "192.168.0.0/16", "a private address" },
    { "198.18.0.0/15", "a benchmarking address" },
    { "224.0.0.0/4", "a multicast address" },
    { "240.0.0.0/4", "a reserved address" },
    { "::/128", "the unspecified address" },
    { "::1/128", "a loopback address" },
    { "fc00::/7", "a unique local (private) address" },
    { "fe80::/10", "a link-local address" },
    { "ff00::/8", "a multicast address" },
};

struct request {
    struct http_reply *out;
    const struct http_limits *lim;
    bool too_big;
    char refused[200];        /* why a connection was refused, or "" */
};

/* What keeps addr from being asked, or NULL. */
static const char *not_public(const struct ft_ipaddr *addr,
                              const struct http_limits *lim)
{
    struct ft_cidr net;

    for (size_t i = 0; i < lim->nallowed; i++)
        if (cidr_contains(&lim->allowed[i], addr))
            return NULL;
    for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
        if (cidr_parse(special[i].net, &net) && cidr_contains(&net, addr))
            return special[i].what;
    return NULL;
}

/* libcurl asks for each socket it connects: refuse the ones to a
 * network that is not public. */
static curl_socket_t open_socket(void *arg, curlsocktype purpose,
                                 struct curl_sockaddr *a)
{
    struct request *rq = arg;
    struct ft_ipaddr addr;
    char text[64];
    const char *why;

    (void)purpose;
    if (!ipaddr_sockaddr_text(&a->addr, false, text, sizeof(text))
        || !ipaddr_parse(text, &addr)) {
        snprintf(rq->refused, sizeof(rq->refused), "refused to connect: "
                 "an address of an unknown kind");
        return CURL_SOCKET_BAD;
    }
    if ((why = not_public(&addr, rq->lim)) != NULL) {
        snprintf(rq->refused, sizeof(rq->refused), "refused to connect to "
                 "%s: %s (--allow-endpoint NETWORK allows it)", text, why);
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

static size_t on_data(char *data, size_t size, size_t n, void *arg)
{
    struct request *rq = arg;
    struct http_reply *r = rq->out;
    size_t len = size * n;
    unsigned char *grown;

    if (len > rq->lim->max_body - r->len) {
        rq->too_big = true;
        return 0;  /* libcurl stops with CURLE_WRITE_ERROR */
    }
    if ((grown = realloc(r->body, r->len + len + 1)) == NULL)
        return 0;
    memcpy(grown + r->len, data, len);
    r->body = grown;
    r->len += len;
    return len;
}

static struct curl_slist *setup(CURL *h, const char *url,
                                const char *content_type,
                                const unsigned char *body, size_t blen,
                                long timeout_ms, struct request *rq,
                                char *curl_err)
{
    struct curl_slist *headers = NULL;
    char ct[128];

    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : 1);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, rq);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                     (curl_off_t)rq->lim->max_body);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, rq);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_err);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "forcetls");
    if (body != NULL) {
        snprintf(ct, sizeof(ct), "Content-Type: %s", content_type);
        headers = curl_slist_append(NULL, ct);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)blen);
    }
    return headers;
}

/* Why the request failed, ours before libcurl's. */
static void failure(const struct request *rq, CURLcode cc,
                    const char *curl_err, char *err, size_t errlen)
{
    if (rq->refused[0] != '\0')
        snprintf(err, errlen, "%s", rq->refused);
    else if (rq->too_big || cc == CURLE_FILESIZE_EXCEEDED)
        snprintf(err, errlen, "the reply is larger than %zu bytes",
                 rq->lim->max_body);
    else
        snprintf(err, errlen, "%s", curl_err[0] ? curl_err
                                                : curl_easy_strerror(cc));
}

int http_fetch(const char *url, const char *content_type,
               const unsigned char *body, size_t blen, long timeout_ms,
               const struct http_limits *lim, struct http_reply *out,
               char *err, size_t errlen)
{
    CURL *h = curl_easy_init();
    struct curl_slist *headers = NULL;
    struct request rq = { .out = out, .lim = lim };
    char curl_err[CURL_ERROR_SIZE] = "";
    long t0 = tool_clock_ms(), status = 0;
    CURLcode cc;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    if (h == NULL) {
        snprintf(err, errlen, "cannot start an HTTP request");
        goto out;
    }
    headers = setup(h, url, content_type, body, blen, timeout_ms, &rq,
                    curl_err);
    if ((cc = curl_easy_perform(h)) != CURLE_OK) {
        failure(&rq, cc, curl_err, err, errlen);
        goto out;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        snprintf(err, errlen, "HTTP status %ld", status);
        goto out;
    }
    rc = 0;
out:
    out->ms = tool_clock_ms() - t0;
    if (rc != 0) {
        free(out->body);
        out->body = NULL;
        out->len = 0;
    }
    curl_slist_free_all(headers);
    if (h != NULL)
        curl_easy_cleanup(h);
    return rc;
}
