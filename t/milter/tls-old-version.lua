-- tls-old-version: TLSv1.1 is below the connector's TLSv1.2; everything
-- else about the session is good.
-- log: connector=contoso-in verdict=reject reason="[^"]*version[^"]*" stage=mail .*tls=TLSv1\.1
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ tls_version = "TLSv1.1", cipher = "ECDHE-RSA-AES256-SHA" },
       SMFIR_REPLYCODE)
h.disconnect(conn)
