-- trusted-client: a connection from trusted_clients (a content filter
-- reinjecting a partner's message, without the partner's TLS) is said
-- once at connect and each of its messages accepted at MAIL FROM (connect
-- has no reply: SMFIP_NR_CONN); the same partner mail from anywhere else
-- is still refused.
-- log-count: 1 trusted client filter.example\[192\.0\.2\.200\]: no connector judges its mail \(trusted_clients\)
-- log: connector=contoso-in verdict=reject .*client=mx\.contoso\.example\[127\.0\.0\.1\]
-- log-count: 1 verdict=
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect("192.0.2.200", "filter.example")
h.helo(conn, "filter.example")
h.mail(conn, "<alice@contoso.example>", h.NOTLS, SMFIR_ACCEPT)
h.mail(conn, "<bob@contoso.example>", h.NOTLS, SMFIR_ACCEPT)
h.disconnect(conn)

conn = h.connect("127.0.0.1", "mx.contoso.example")
h.helo(conn, "mx.contoso.example")
h.mail(conn, "<alice@contoso.example>", h.NOTLS, SMFIR_REPLYCODE)
h.disconnect(conn)
