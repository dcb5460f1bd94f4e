/* policy.h - the answer to one policy delegation request: inbound
 * connectors decided as the milter decides them, with pins checked. */
#ifndef FT_POLICYD_POLICY_H
#define FT_POLICYD_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "decide.h"
#include "held.h"
#include "request.h"
#include "tlsfacts.h"
#include "verdict.h"

#define POLICY_INSTANCE_MAX 128
#define POLICY_ANSWER_MAX (FT_REPLY_TEXT_MAX + 32)

/* What one connection remembers of its current mail transaction: Postfix
 * reuses a policy connection for many, each named by its "instance". */
struct ft_policy_txn {
    char instance[POLICY_INSTANCE_MAX];   /* "" when none is remembered */
    unsigned long generation;             /* ... under this configuration */
    bool failed;                          /* sender-scoped connectors said no */
    struct ft_reply reply;                /* ... with this reply */
    struct ft_sender_set senders;         /* the sender's connectors */
    bool digest_warned;                   /* once per connection */
    bool placement_warned;                /* once per connection */
    struct ft_held held;                  /* passes waiting for queue_id */
    char trusted_seen[FT_FACT_MAX + 24];  /* trusted "addr:port" logged */
};

/* Decide one request and write "action=...\n\n" into out (at least
 * POLICY_ANSWER_MAX bytes); false (why says what) for a request that is
 * not a policy request, which gets no answer. */
bool policy_answer(const struct ft_conf *conf, struct ft_policy_txn *txn,
                   const struct ft_request_attrs *req, char *out,
                   size_t outlen, char *why, size_t whylen);

/* The connection is closing: log what is held (NOQUEUE) and free it. */
void policy_txn_end(struct ft_policy_txn *txn);

#endif
