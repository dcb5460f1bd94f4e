-- verified-without-cn: Postfix verified a certificate that has no CN:
-- {cert_subject} is defined but empty. fabrikam-in requires a certificate
-- and lists no names, so this passes; the same sender without any
-- certificate macros is refused, so the pass is not vacuous.
-- log: connector=fabrikam-in verdict=reject reason="[^"]*certificate[^"]*" stage=mail
-- log: connector=fabrikam-in verdict=pass .*stage=mail
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<dave@fabrikam.example>", h.tls{ cert_subject = "" },
       SMFIR_CONTINUE, "MAIL FROM fabrikam, verified certificate without CN")
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.disconnect(conn)

conn = h.connect()
h.helo(conn)
h.mail(conn, "<dave@fabrikam.example>",
       h.tls{ cert_subject = false, cert_issuer = false }, SMFIR_REPLYCODE,
       "MAIL FROM fabrikam, no verified certificate")
h.disconnect(conn)
