-- bits-below-minimum: woodgrove-in wants 256-bit ciphers; a TLS 1.3
-- session with a 128-bit cipher fails on that alone. A 256-bit one passes.
-- log: connector=woodgrove-in verdict=reject reason="[^"]*bits[^"]*" stage=mail .*bits=128
-- no-log: connector=woodgrove-in verdict=reject .*bits=256
-- log: connector=woodgrove-in verdict=pass .*bits=256
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
h.helo(conn)
h.mail(conn, "<carol@woodgrove.example>",
       h.tls{ cipher = "TLS_AES_128_GCM_SHA256", cipher_bits = "128" },
       SMFIR_REPLYCODE, "MAIL FROM woodgrove over 128-bit TLS")
h.rset(conn)
h.mail(conn, "<carol@woodgrove.example>", h.tls(), SMFIR_CONTINUE,
       "MAIL FROM woodgrove over 256-bit TLS")
h.disconnect(conn)
