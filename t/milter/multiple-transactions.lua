-- multiple-transactions: three messages on one plaintext connection: a
-- non-partner passes, the partner is refused, a non-partner passes again
-- (the refusal does not stick to the connection).
-- log: connector=contoso-in verdict=reject reason="[^"]*(no TLS|STARTTLS)[^"]*" stage=mail .*sender=<alice@contoso.example>
-- no-log: verdict=(reject|defer|monitor) .*sender=<(erin|frank)@example.org>
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)

h.mail(conn, "<erin@example.org>", h.NOTLS, SMFIR_CONTINUE,
       "1st MAIL FROM (non-partner)")
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.message(conn)

h.mail(conn, "<alice@contoso.example>", h.NOTLS, SMFIR_REPLYCODE,
       "2nd MAIL FROM (partner, no TLS)")

h.mail(conn, "<frank@example.org>", h.NOTLS, SMFIR_CONTINUE,
       "3rd MAIL FROM (non-partner)")
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.message(conn)
h.disconnect(conn)
