-- no-forward-secrecy: TLSv1.2 with static RSA key exchange
-- (AES256-GCM-SHA384) fails require_forward_secrecy.
-- log: connector=contoso-in verdict=reject reason="[^"]*forward secrecy[^"]*" stage=mail .*cipher=AES256-GCM-SHA384
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<alice@contoso.example>",
       h.tls{ tls_version = "TLSv1.2", cipher = "AES256-GCM-SHA384" },
       SMFIR_REPLYCODE)
h.disconnect(conn)
