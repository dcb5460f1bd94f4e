/* decide.h - which inbound connectors a transaction falls under at each
 * stage, and what they say together. */
#ifndef FT_DECIDE_H
#define FT_DECIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "evaluate.h"
#include "held.h"
#include "verdict.h"

struct ft_outcome {
    const struct ft_connector *connector;
    enum ft_verdict verdict;
    struct ft_result result;
};

struct ft_decision {
    struct ft_outcome *items;     /* one per matched connector, file order */
    size_t n;
    const struct ft_outcome *deciding;  /* the reply's outcome, or NULL */
};

/* The sender-scoped connectors a transaction's sender falls under: found
 * once, at MAIL FROM or the first request of the transaction, for its
 * MAIL decision and every RCPT's. They index one configuration's
 * connectors; a set found under another (or none) is trouble to decide
 * with, never an empty scope. A zeroed set is empty and unfound. */
struct ft_sender_set {
    unsigned *idx;              /* connector indexes, file order */
    size_t n;
    unsigned long generation;   /* the configuration's; 0: not found */
};

/* Find the set for sender (NULL or "": the null sender, which belongs to
 * no partner domain), freeing what s held; -1 when the address names too
 * many domains or memory runs out, s then unfound. */
int decide_sender(const struct ft_conf *conf, const char *sender,
                  struct ft_sender_set *s);

/* The transaction is over (or its configuration gone): free the set. */
void decide_sender_free(struct ft_sender_set *s);

/* Neither looks at trusted_clients: whether the client is trusted is a
 * fact of the connection, which the caller settles first with
 * trusted_client(), deciding nothing for such a client. Both return -1
 * (trouble) when memory runs out or sender was not found under conf. */

/* MAIL FROM: connectors scoped by sender domain only. */
int decide_mail(const struct ft_conf *conf, const struct ft_tls *tls,
                const struct ft_client *client,
                const struct ft_sender_set *sender, struct ft_decision *d);

/* RCPT TO: connectors with recipient_domains covering this recipient (and
 * their sender_domains, if any, covering the transaction's sender). */
int decide_rcpt(const struct ft_conf *conf, const struct ft_tls *tls,
                const struct ft_client *client,
                const struct ft_sender_set *sender, const char *recipient,
                struct ft_decision *d);

/* Whether d refuses the command: true with *reply set to the deciding
 * outcome's reply. */
bool decision_refuses(const struct ft_decision *d, struct ft_reply *reply);

/* What both daemons do with a decision: one verdict line per outcome
 * (passes only with log_passes) through log_info(), and with held, the
 * lines of mail that goes on (pass, monitor) wait there for the message's
 * queue id unless lc has it already; then as decision_refuses(). */
bool decision_answer(const struct ft_decision *d, const struct ft_logctx *lc,
                     bool log_passes, struct ft_held *held,
                     struct ft_reply *reply);

/* forcetls itself is in trouble: log why and give the 451 4.3.5 reply,
 * never a silent accept. */
void decision_trouble(const char *why, struct ft_reply *reply);

void decision_free(struct ft_decision *d);

#endif
