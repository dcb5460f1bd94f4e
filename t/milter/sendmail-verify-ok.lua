-- sendmail-verify-ok: Sendmail's macros: {verify}=OK and xtext-encoded
-- one-line DNs in {cert_subject} and {cert_issuer}. The CNs match.
-- no-log: verdict=(reject|defer|monitor)
-- log: connector=contoso-in verdict=pass .*stage=mail .*cert_subject=mail\.contoso\.example cert_issuer="forcetls Test CA"
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ verify = "OK",
              cert_subject = "/C=US/O=Contoso/CN=mail.contoso.example",
              cert_issuer = "/C=US/O=forcetls/CN=forcetls+20Test+20CA" },
       SMFIR_CONTINUE)
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.disconnect(conn)
