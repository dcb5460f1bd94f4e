-- tls-verified-pass: a partner over verified TLS 1.3, the TLS macros sent
-- at MAIL FROM (where forcetls asks Postfix for them): the whole message
-- goes through.
-- no-log: verdict=(reject|defer|monitor)
-- log: connector=contoso-in verdict=pass .*stage=mail .*sender=<alice@contoso.example> .*tls=TLSv1\.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 cert_subject=mail\.contoso\.example cert_issuer="forcetls Test CA" cert_fp="" pkey_fp="" mode=enforce
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect("127.0.0.1", "mail.contoso.example")
h.helo(conn, "mail.contoso.example")
h.mail(conn, "<alice@contoso.example>", h.tls(), SMFIR_CONTINUE)
h.rcpt(conn, "<bob@ours.example>", SMFIR_CONTINUE)
h.message(conn)
h.disconnect(conn)
