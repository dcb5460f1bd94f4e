-- recipient-scoped: protected-rcpt covers mail for secure.example. Without
-- TLS, that recipient is refused at RCPT, while other recipients of the
-- same transaction are accepted, before and after it. The first RCPT has
-- no queue file yet; later ones carry Postfix's queue id {i}, which the
-- verdict line shows instead of NOQUEUE.
-- log: NOQUEUE: connector=protected-rcpt verdict=reject reason="[^"]*(no TLS|STARTTLS)[^"]*" stage=rcpt .*recipient=<user@secure.example>
-- log: 4XyZ1abc: connector=protected-rcpt verdict=reject reason="[^"]*(no TLS|STARTTLS)[^"]*" stage=rcpt .*recipient=<user3@secure.example>
-- no-log: verdict=(reject|defer|monitor) .*recipient=<user[0-9]*@other.example>
-- no-log: verdict=(reject|defer|monitor) .*stage=mail
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect("192.0.2.10", "mx.example.org")
h.helo(conn, "mx.example.org")
h.mail(conn, "<erin@example.org>", h.NOTLS, SMFIR_CONTINUE)
h.rcpt(conn, "<user@secure.example>", SMFIR_REPLYCODE)
h.rcpt(conn, "<user@other.example>", SMFIR_CONTINUE)
h.rcpt(conn, "<user3@secure.example>", SMFIR_REPLYCODE, nil,
       { i = "4XyZ1abc" })
h.rcpt(conn, "<user2@other.example>", SMFIR_CONTINUE, nil,
       { i = "4XyZ1abc" })
h.message(conn)
h.disconnect(conn)
