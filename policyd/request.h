/* request.h - Postfix policy delegation requests: "name=value" lines up to
 * a blank line, bounded in line length, size and attribute count. */
#ifndef FT_POLICYD_REQUEST_H
#define FT_POLICYD_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REQUEST_LINE_MAX 4096      /* Postfix sends lines of ~100 bytes */
#define REQUEST_SIZE_MAX 32768
#define REQUEST_ATTRS_MAX 64       /* Postfix 3.7 sends about 40 */
#define REQUEST_WHY_MAX 128

enum ft_request {
    REQUEST_PARTIAL,               /* well-formed so far: read more */
    REQUEST_COMPLETE,              /* a request ends at scan->pos */
    REQUEST_BAD,                   /* malformed: the connection must go */
};

/* A line the scan saw: where it ends (its newline) and its first '='
 * (eq == end: none), as offsets in the request. */
struct ft_reqline {
    uint16_t end, eq;
};

/* Where scanning the bytes received so far stopped, so that a request
 * arriving a byte at a time is still read once, and the lines it found:
 * parsing then needs no second pass over the bytes. */
struct ft_reqscan {
    size_t pos;
    size_t line_start;
    size_t eq;                     /* this line's first '=', or SIZE_MAX */
    size_t nlines;                 /* lines seen; those past the table
                                    * are counted only */
    struct ft_reqline line[REQUEST_ATTRS_MAX];
};

/* The attributes forcetls reads. Any other name Postfix sends is framed
 * and counted, and otherwise left alone. */
enum ft_attr_name {
    ATTR_REQUEST, ATTR_PROTOCOL_STATE, ATTR_QUEUE_ID, ATTR_INSTANCE,
    ATTR_SENDER, ATTR_RECIPIENT, ATTR_CLIENT_ADDRESS, ATTR_CLIENT_NAME,
    ATTR_CLIENT_PORT, ATTR_CCERT_SUBJECT, ATTR_CCERT_ISSUER,
    ATTR_CCERT_FINGERPRINT, ATTR_CCERT_PUBKEY_FINGERPRINT,
    ATTR_ENCRYPTION_PROTOCOL, ATTR_ENCRYPTION_CIPHER,
    ATTR_ENCRYPTION_KEYSIZE,
    ATTR_NAMES
};

/* A parsed request: the values of the attributes we read, pointing into
 * the request's buffer. */
struct ft_request_attrs {
    const char *v[ATTR_NAMES];     /* NULL: not in the request */
    size_t n;                      /* attributes, read or not */
};

/* Start scanning a new request. */
void request_scan_reset(struct ft_reqscan *s);

/* Scan buf[s->pos..len) for the blank line that ends a request; BAD (why
 * says what) on an overlong line or request or a control byte. */
enum ft_request request_scan(struct ft_reqscan *s, const char *buf,
                             size_t len, char *why, size_t whylen);

/* Split the request in buf that scan found complete in place into
 * attributes; false (why says what) on a line without '=', an empty
 * name, a name we read given twice, too many attributes, or no "request"
 * attribute. */
bool request_parse(char *buf, const struct ft_reqscan *scan,
                   struct ft_request_attrs *req, char *why, size_t whylen);

/* The value of attribute name, or NULL when the request has none. */
const char *request_get(const struct ft_request_attrs *req,
                        enum ft_attr_name name);

#endif
