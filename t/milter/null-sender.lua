-- null-sender: bounces (MAIL FROM:<>) match no sender connector, even
-- without TLS.
-- no-log: verdict=(reject|defer|monitor)
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<>", h.NOTLS, SMFIR_CONTINUE)
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.message(conn)
h.disconnect(conn)
