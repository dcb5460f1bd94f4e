-- sendmail-verify-fail: Sendmail sends the subject even when verification
-- failed; {verify}=FAIL means no verified certificate, whatever the name.
-- log: connector=contoso-in verdict=reject reason="[^"]*certificate[^"]*" stage=mail
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ verify = "FAIL",
              cert_subject = "/C=US/O=Contoso/CN=mail.contoso.example",
              cert_issuer = "/C=US/O=forcetls/CN=forcetls+20Test+20CA" },
       SMFIR_REPLYCODE)
h.disconnect(conn)
