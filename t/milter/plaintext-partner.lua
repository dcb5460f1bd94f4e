-- plaintext-partner: mail from a partner domain with no TLS at all is
-- refused at MAIL FROM with our own reply (550 5.7.0).
-- log: NOQUEUE: connector=contoso-in verdict=reject reason="[^"]*(no TLS|STARTTLS)[^"]*" stage=mail .*sender=<alice@contoso.example>
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>", h.NOTLS, SMFIR_REPLYCODE)
h.disconnect(conn)
