-- wrong-certificate-issuer: the right name, verified, but issued by a CA
-- that certificate_issuers does not list (5.7.5).
-- log: connector=contoso-in verdict=reject reason="[^"]*issuer[^"]*" stage=mail
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ cert_issuer = "Other CA" }, SMFIR_REPLYCODE)
h.disconnect(conn)
