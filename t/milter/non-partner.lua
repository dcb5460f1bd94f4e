-- non-partner: a sender no connector names keeps opportunistic TLS: a
-- plaintext message goes through untouched.
-- no-log: verdict=(reject|defer|monitor)
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect("192.0.2.10", "mx.example.org")
h.helo(conn, "mx.example.org")
h.mail(conn, "<erin@example.org>", h.NOTLS, SMFIR_CONTINUE)
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.message(conn)
h.disconnect(conn)
