-- rset-after-reject: the partner's MAIL FROM is refused, the client sends
-- RSET and tries again as a non-partner: that transaction passes.
-- log: connector=contoso-in verdict=reject reason="[^"]*(no TLS|STARTTLS)[^"]*" stage=mail .*sender=<alice@contoso.example>
-- no-log: verdict=(reject|defer|monitor) .*sender=<erin@example.org>
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>", h.NOTLS, SMFIR_REPLYCODE,
       "MAIL FROM partner without TLS")
h.rset(conn)
h.mail(conn, "<erin@example.org>", h.NOTLS, SMFIR_CONTINUE,
       "MAIL FROM non-partner after RSET")
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.message(conn)
h.disconnect(conn)
