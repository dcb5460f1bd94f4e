-- tls-macros-at-helo: Postfix's default milter_helo_macros carry the TLS
-- macros; here they come only with HELO and none at MAIL FROM. libmilter
-- looks a macro up across stages, so the partner still passes.
-- no-log: verdict=(reject|defer|monitor)
-- log: connector=contoso-in verdict=pass .*stage=mail .*tls=TLSv1\.3 cipher=
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect("127.0.0.1", "mail.contoso.example")
h.helo(conn, "mail.contoso.example", h.tls())
h.mail(conn, "<alice@contoso.example>", h.NOTLS, SMFIR_CONTINUE)
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.message(conn)
h.disconnect(conn)
