-- wrong-certificate-name: a verified certificate, but for another name
-- than certificate_names lists (5.7.5).
-- log: connector=contoso-in verdict=reject reason="[^"]*name[^"]*" stage=mail .*cert_subject=mail\.fabrikam\.example
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ cert_subject = "mail.fabrikam.example" }, SMFIR_REPLYCODE)
h.disconnect(conn)
