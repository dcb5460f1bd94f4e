-- negotiation: the steps forcetls-milter does without are negotiated away,
-- so Postfix makes fewer round trips per message: no HELO, headers, body,
-- DATA or unknown commands, and no reply to connect.
-- no-log: verdict=
local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))

h.start()
local conn = h.connect()
for _, opt in ipairs({ "SMFIP_NOHELO", "SMFIP_NOHDRS", "SMFIP_NOEOH",
                       "SMFIP_NOBODY", "SMFIP_NOUNKNOWN", "SMFIP_NODATA",
                       "SMFIP_NR_CONN" }) do
    if not mt.test_option(conn, _G[opt]) then
        h.fail("%s was not negotiated", opt)
    end
end
h.note("all seven steps negotiated away")
h.disconnect(conn)
