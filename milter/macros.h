/* macros.h - the Postfix (or Sendmail) macros forcetls needs, read into
 * TLS facts. */
#ifndef FT_MILTER_MACROS_H
#define FT_MILTER_MACROS_H

#include <libmilter/mfapi.h>
#include <libmilter/mfdef.h>

#include "tlsfacts.h"

/* The macros asked for at MAIL FROM with smfi_setsymlist(). */
#define FT_MAIL_MACROS \
    "{tls_version} {cipher} {cipher_bits} {cert_subject} {cert_issuer} " \
    "{verify} i"
/* At RCPT TO only the queue id is new. */
#define FT_RCPT_MACROS "i"
/* At end of message the queue id, for the lines of mail that went on. */
#define FT_EOM_MACROS "i"

/* The protocol steps forcetls does without, taken when the MTA offers to
 * leave them out: no HELO, headers, body, DATA or unknown commands, and no
 * reply to connect (a refusal, a trusted client's accept and any trouble
 * are answered at MAIL FROM instead). Fewer round trips per message. */
#define FT_STEPS_OFF \
    (SMFIP_NOHELO | SMFIP_NOHDRS | SMFIP_NOEOH | SMFIP_NOBODY \
     | SMFIP_NOUNKNOWN | SMFIP_NODATA | SMFIP_NR_CONN)

/* Read the TLS macros into tls; unreadable values are logged and left
 * failing (client names the client for the log). */
void macros_read_tls(SMFICTX *ctx, const char *client, struct ft_tls *tls);

/* The queue id, or NULL before Postfix has one. */
const char *macros_queue_id(SMFICTX *ctx);

#endif
