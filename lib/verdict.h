/* verdict.h - a connector's outcome as an SMTP reply and as the one log
 * line that forcetls report and people's scripts parse. */
#ifndef FT_VERDICT_H
#define FT_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "connector.h"
#include "evaluate.h"
#include "tlsfacts.h"

enum ft_verdict {
    FT_VERDICT_PASS,
    FT_VERDICT_REJECT,
    FT_VERDICT_DEFER,
    FT_VERDICT_MONITOR,       /* would have failed; mail accepted */
};

enum ft_stage { FT_STAGE_MAIL, FT_STAGE_RCPT };

#define FT_REPLY_TEXT_MAX 900   /* libmilter caps a reply line at 980 */

struct ft_reply {
    char code[4];             /* "550" */
    char xcode[8];            /* "5.7.0" */
    char text[FT_REPLY_TEXT_MAX];
};

struct ft_logctx {
    const char *queue_id;     /* NULL or "": NOQUEUE */
    enum ft_stage stage;
    const struct ft_client *client;
    const char *sender;       /* without <>; "" the null sender */
    const char *recipient;    /* NULL or "" at MAIL */
    const struct ft_tls *tls;
};

const char *verdict_name(enum ft_verdict v);
const char *stage_name(enum ft_stage s);

/* The verdict a connector gives for a result: pass, monitor, or its action. */
enum ft_verdict verdict_of(const struct ft_connector *c,
                           const struct ft_result *r);

/* The SMTP reply for a failed result under the connector's action. */
void verdict_reply(const struct ft_connector *c, const struct ft_result *r,
                   enum ft_verdict v, struct ft_reply *reply);

/* The reply when forcetls itself is in trouble: 451 4.3.5. */
void verdict_reply_internal(const char *why, struct ft_reply *reply);

/* The line's first word: "QUEUEID:", or "NOQUEUE:" when queue_id is NULL,
 * "" or unfit for the log. */
void verdict_prefix(char *buf, size_t len, const char *queue_id);

/* The log line, without program name and pid; returns its length (may be
 * >= len, as snprintf). */
size_t verdict_format(char *buf, size_t len, const struct ft_connector *c,
                      enum ft_verdict v, const struct ft_result *r,
                      const struct ft_logctx *ctx);

#endif
