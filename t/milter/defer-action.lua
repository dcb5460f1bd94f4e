-- defer-action: tailspin-in has action = defer: a plaintext partner gets a
-- custom 4xx reply (450 4.7.0), not a plain tempfail and not a 5xx.
-- log: connector=tailspin-in verdict=defer reason="[^"]*(no TLS|STARTTLS)[^"]*" stage=mail .*sender=<hank@tailspin.example>
-- no-log: verdict=reject
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<hank@tailspin.example>", h.NOTLS, SMFIR_REPLYCODE)
h.disconnect(conn)
