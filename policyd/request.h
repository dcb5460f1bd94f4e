/* request.h - Postfix policy delegation requests: "name=value" lines up to
 * a blank line, bounded in line length, size and attribute count. */
#ifndef FT_POLICYD_REQUEST_H
#define FT_POLICYD_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#define REQUEST_LINE_MAX 4096      /* Postfix sends lines of ~100 bytes */
#define REQUEST_SIZE_MAX 32768
#define REQUEST_ATTRS_MAX 64       /* Postfix 3.7 sends about 40 */
#define REQUEST_WHY_MAX 128

enum ft_request {
    REQUEST_PARTIAL,               /* well-formed so far: read more */
    REQUEST_COMPLETE,              /* a request ends at scan->pos */
    REQUEST_BAD,                   /* malformed: the connection must go */
};

/* Where scanning the bytes received so far stopped, so that a request
 * arriving a byte at a time is still read once. */
struct ft_reqscan {
    size_t pos;
    size_t line_start;
};

struct ft_attr {
    const char *name;
    size_t nlen;                   /* strlen(name) */
    const char *value;
};

/* Attributes in arrival order, and a hash table of their names: a
 * lookup or a repeated name costs one probe, not a sort of forty names
 * for every request. */
#define REQUEST_SLOTS 128          /* a power of two, twice the attributes */
struct ft_request_attrs {
    struct ft_attr v[REQUEST_ATTRS_MAX];
    size_t n;
    unsigned char slot[REQUEST_SLOTS];  /* index into v + 1; 0: empty */
};

/* Start scanning a new request. */
void request_scan_reset(struct ft_reqscan *s);

/* Scan buf[s->pos..len) for the blank line that ends a request; BAD (why
 * says what) on an overlong line or request or a control byte. */
enum ft_request request_scan(struct ft_reqscan *s, const char *buf,
                             size_t len, char *why, size_t whylen);

/* Split the complete request buf[0..end) in place into attributes; false
 * (why says what) on a line without '=', an empty name, a repeated name,
 * too many attributes, or no "request" attribute. */
bool request_parse(char *buf, size_t end, struct ft_request_attrs *req,
                   char *why, size_t whylen);

/* The value of attribute name, or NULL when the request has none. */
const char *request_get(const struct ft_request_attrs *req, const char *name);

#endif
