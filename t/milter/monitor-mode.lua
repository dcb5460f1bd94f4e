-- monitor-mode: northwind-in is in monitor mode: a plaintext partner is
-- let through, and the would-be failure is logged as verdict=monitor.
-- log: connector=northwind-in verdict=monitor reason="[^"]*(no TLS|STARTTLS)[^"]*" stage=mail .*sender=<gina@northwind.example>
-- no-log: verdict=(reject|defer)
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<gina@northwind.example>", h.NOTLS, SMFIR_CONTINUE)
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.message(conn)
h.disconnect(conn)
