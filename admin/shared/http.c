/* http.c - fetch a CRL or ask an OCSP responder over HTTP with libcurl:
 * a maintained client (redirects, proxies from the environment, IPv6,
 * chunked replies) rather than one more hand-written one. Replies are
 * capped, so a hostile endpoint cannot exhaust memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "http.h"

/* The largest CRLs of public CAs are a few megabytes. */
#define HTTP_MAX_BODY (32 * 1024 * 1024)

static size_t on_data(char *data, size_t size, size_t n, void *arg)
{
    struct http_reply *r = arg;
    size_t len = size * n;
    unsigned char *grown;

    if (len > HTTP_MAX_BODY - r->len
        || (grown = realloc(r->body, r->len + len + 1)) == NULL)
        return 0;  /* libcurl stops with CURLE_WRITE_ERROR */
    memcpy(grown + r->len, data, len);
    r->body = grown;
    r->len += len;
    return len;
}

static long ms_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000
        + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A request as the endpoints expect it: http or https only, a few
 * redirects, the whole exchange within timeout seconds. */
static struct curl_slist *setup(CURL *h, const char *url,
                                const char *content_type,
                                const unsigned char *body, size_t blen,
                                int timeout, struct http_reply *out,
                                char *curl_err)
{
    struct curl_slist *headers = NULL;
    char ct[128];

    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)timeout);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
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

int http_fetch(const char *url, const char *content_type,
               const unsigned char *body, size_t blen, int timeout,
               struct http_reply *out, char *err, size_t errlen)
{
    CURL *h = curl_easy_init();
    struct curl_slist *headers = NULL;
    char curl_err[CURL_ERROR_SIZE] = "";
    struct timespec t0;
    CURLcode cc;
    long status = 0;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (h == NULL) {
        snprintf(err, errlen, "cannot start an HTTP request");
        goto out;
    }
    headers = setup(h, url, content_type, body, blen, timeout, out, curl_err);
    if ((cc = curl_easy_perform(h)) != CURLE_OK) {
        snprintf(err, errlen, "%s", curl_err[0] ? curl_err
                                                : curl_easy_strerror(cc));
        goto out;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        snprintf(err, errlen, "HTTP status %ld", status);
        goto out;
    }
    rc = 0;
out:
    out->ms = ms_since(&t0);
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
