-- client-address-outside: contoso-in accepts its mail only from
-- 127.0.0.1/32. From 127.0.0.9 the partner is refused (5.7.1) even over
-- perfect TLS; a non-partner on the same connection is not affected.
-- log: connector=contoso-in verdict=reject reason="[^"]*client.address[^"]*" stage=mail client=[^ ]*\[127\.0\.0\.9\]
-- no-log: verdict=(reject|defer|monitor) .*sender=<erin@example.org>
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect("127.0.0.9", "mail.contoso.example")
h.helo(conn, "mail.contoso.example")
h.mail(conn, "<alice@contoso.example>", h.tls(), SMFIR_REPLYCODE,
       "MAIL FROM partner outside its networks")
h.mail(conn, "<erin@example.org>", h.tls(), SMFIR_CONTINUE,
       "MAIL FROM non-partner from the same address")
h.disconnect(conn)
