-- unverified-certificate: good TLS 1.3, but Postfix defined neither
-- {cert_subject} nor {cert_issuer}: no verified client certificate (5.7.5).
-- log: connector=contoso-in verdict=reject reason="[^"]*certificate[^"]*" stage=mail
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ cert_subject = false, cert_issuer = false }, SMFIR_REPLYCODE)
h.disconnect(conn)
