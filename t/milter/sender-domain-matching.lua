-- sender-domain-matching: "*.contoso.example" covers subdomains, matching
-- ignores case, and a look-alike domain is not a partner.
-- log: connector=contoso-in verdict=reject reason="[^"]*(no TLS|STARTTLS)[^"]*" .*sender=<ivan@eu\.contoso\.example>
-- log: connector=contoso-in verdict=reject reason="[^"]*(no TLS|STARTTLS)[^"]*" .*sender=<Alice@CONTOSO\.Example>
-- no-log: verdict=(reject|defer|monitor) .*sender=<judy@notcontoso\.example>
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<ivan@eu.contoso.example>", h.NOTLS, SMFIR_REPLYCODE)
h.rset(conn)
h.mail(conn, "<Alice@CONTOSO.Example>", h.NOTLS, SMFIR_REPLYCODE)
h.rset(conn)
h.mail(conn, "<judy@notcontoso.example>", h.NOTLS, SMFIR_CONTINUE)
h.disconnect(conn)
