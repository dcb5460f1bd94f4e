-- missing-macros: TLS is reported, but part of it is not: without {cipher}
-- forward secrecy cannot be shown, without {cipher_bits} the key size
-- cannot. A requirement that cannot be read is not met.
-- log: connector=contoso-in verdict=reject reason="[^"]*forward secrecy[^"]*" stage=mail .*tls=TLSv1\.2 cipher=""
-- log: connector=contoso-in verdict=reject reason="[^"]*(bits|strength)[^"]*" stage=mail .*bits=unknown
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ tls_version = "TLSv1.2", cipher = false }, SMFIR_REPLYCODE,
       "MAIL FROM partner, TLSv1.2 without {cipher}")
h.disconnect(conn)

conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ tls_version = "TLSv1.2", cipher = "ECDHE-RSA-AES256-GCM-SHA384",
              cipher_bits = false }, SMFIR_REPLYCODE,
       "MAIL FROM partner, TLSv1.2 without {cipher_bits}")
h.disconnect(conn)
