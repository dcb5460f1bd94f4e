/* reply.h - a decision turned into log lines and the milter's answer. */
#ifndef FT_MILTER_REPLY_H
#define FT_MILTER_REPLY_H

#include <libmilter/mfapi.h>

#include "decide.h"

struct ft_session;

/* Log d (decision_answer()) and answer with the deciding outcome's reply. */
sfsistat reply_and_log(SMFICTX *ctx, struct ft_session *c,
                       const struct ft_decision *d, enum ft_stage stage,
                       const char *recipient);

/* forcetls itself is in trouble: 451 4.3.5, never a silent accept. */
sfsistat reply_internal(SMFICTX *ctx, const char *why);

#endif
