-- odd-macro-values: values Postfix would never send. The milter must not
-- crash, must not count an unreadable value as meeting a requirement, and
-- must keep serving the next connection.
--
-- miltertest carries at most 1024 bytes per mt.macro() call, so the "huge"
-- {cert_subject} is 1000 bytes (alone in its HELO-stage packet), not 5000:
-- still four times forcetls's 256-byte limit for a TLS fact.
-- log-count: 11 connector=contoso-in verdict=reject .*stage=mail
-- log-count: 1 connector=contoso-in verdict=pass
-- log: connector=contoso-in verdict=pass .*stage=mail .*tls=TLSv1\.3 cipher=
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()

local function refused(what, helo_macros, mail_macros)
    local conn = h.connect()
    h.helo(conn, "mail.contoso.example", helo_macros)
    h.mail(conn, "<alice@contoso.example>", mail_macros, SMFIR_REPLYCODE,
           "MAIL FROM partner with " .. what)
    h.disconnect(conn)
end

refused("{cipher_bits}=abc", nil, h.tls{ cipher_bits = "abc" })
refused("{cipher_bits}=-1", nil, h.tls{ cipher_bits = "-1" })
refused("{cipher_bits}=99999999999999999999", nil,
        h.tls{ cipher_bits = "99999999999999999999" })
refused("{cipher_bits}=256abc", nil, h.tls{ cipher_bits = "256abc" })
refused("a 1000-byte {cert_subject}",
        { cert_subject = "mail.contoso.example" .. string.rep("x", 980) },
        h.tls{ cert_subject = false })
refused("a 1000-byte {cert_subject} made of the right name",
        { cert_subject = string.rep("mail.contoso.example", 50) },
        h.tls{ cert_subject = false })
refused("control bytes in {cert_subject}", nil,
        h.tls{ cert_subject = "mail.contoso.example\r\nX-Evil: 1" })
refused("a control byte in {tls_version}", nil,
        h.tls{ tls_version = "TLSv1.3\1" })
refused("an unknown {tls_version}", nil, h.tls{ tls_version = "SSLv9.9" })
refused("an empty {tls_version}", nil, h.tls{ tls_version = "" })
refused("8-bit bytes in {cert_issuer}", nil,
        h.tls{ cert_issuer = "forcetls Test CA\255\254" })

-- Still serving: a good partner session passes on a new connection.
local conn = h.connect()
h.helo(conn, "mail.contoso.example")
h.mail(conn, "<alice@contoso.example>", h.tls(), SMFIR_CONTINUE,
       "MAIL FROM partner over good TLS after the odd ones")
h.disconnect(conn)
