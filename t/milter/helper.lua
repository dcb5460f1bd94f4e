-- helper.lua - what every forcetls-milter scenario shares: start the milter,
-- connect as Postfix would, send macro sets, and fail loudly on a wrong reply.
--
-- Loaded with `local h = dofile(FT_HELPER or os.getenv("FT_HELPER"))`.
-- run.test exports FT_MILTER (the binary), FT_CONF (its forcetls.conf),
-- FT_SOCKET (a fresh socket path) and FT_HELPER (this file); by hand, each
-- may instead be a global set with miltertest -D NAME=VALUE.
--
-- miltertest does not print the message of a Lua error(), so h.fail() writes
-- it to stderr first; everything the helper says goes to stderr, where it
-- interleaves in order with the milter's own log lines (-l stderr).

local h = {}

local function setting(name)
    local v = rawget(_G, name) or os.getenv(name)
    if v == nil or v == "" then
        io.stderr:write("FAIL: " .. name .. " is not set (run.test sets it)\n")
        error(name .. " is not set", 0)
    end
    return v
end

function h.note(fmt, ...)
    io.stderr:write("# " .. string.format(fmt, ...) .. "\n")
end

function h.fail(fmt, ...)
    local msg = string.format(fmt, ...)
    io.stderr:write("FAIL: " .. msg .. "\n")
    error(msg, 0)
end

-- mt.* calls return nil on success and an error string otherwise.
function h.check(err, what)
    if err ~= nil then
        h.fail("%s: %s", what, tostring(err))
    end
end

local reply_names = {}
local function name_reply(code, name)
    if code ~= nil then
        reply_names[code] = name
    end
end
name_reply(SMFIR_CONTINUE, "SMFIR_CONTINUE")
name_reply(SMFIR_ACCEPT, "SMFIR_ACCEPT")
name_reply(SMFIR_REJECT, "SMFIR_REJECT (reject without our reply text)")
name_reply(SMFIR_TEMPFAIL, "SMFIR_TEMPFAIL (tempfail without our reply text)")
name_reply(SMFIR_DISCARD, "SMFIR_DISCARD")
name_reply(SMFIR_REPLYCODE, "SMFIR_REPLYCODE (custom reply)")
name_reply(SMFIR_SKIP, "SMFIR_SKIP")

function h.reply_name(code)
    if code == 0 then
        return "no reply at all"
    end
    local n = reply_names[code]
    if n == nil then
        local ok, c = pcall(string.char, code)
        n = string.format("unknown reply %s (%q)", tostring(code),
                          ok and c or "?")
    end
    return n
end

-- The reply to the last command must be want (an SMFIR_* constant, or a
-- list of acceptable ones).
function h.expect(conn, want, what)
    local got = mt.getreply(conn)
    local wants = type(want) == "table" and want or { want }
    for _, w in ipairs(wants) do
        if got == w then
            h.note("ok: %s -> %s", what, h.reply_name(got))
            return
        end
    end
    local names = {}
    for _, w in ipairs(wants) do
        names[#names + 1] = h.reply_name(w)
    end
    h.fail("%s: got %s, want %s", what, h.reply_name(got),
           table.concat(names, " or "))
end

-- The TLS macros of a verified TLS 1.3 session as Postfix sends them: CNs,
-- not DNs. h.tls{...} starts from these; a key set to false is left out.
h.GOOD = {
    tls_version = "TLSv1.3",
    cipher = "TLS_AES_256_GCM_SHA384",
    cipher_bits = "256",
    cert_subject = "mail.contoso.example",
    cert_issuer = "forcetls Test CA",
}

-- Fixed order, so that a run is reproducible byte for byte.
h.ORDER = { "tls_version", "cipher", "cipher_bits", "cert_subject",
            "cert_issuer", "verify", "i" }

function h.tls(over)
    local t = {}
    for k, v in pairs(h.GOOD) do
        t[k] = v
    end
    for k, v in pairs(over or {}) do
        if v == false then
            t[k] = nil
        else
            t[k] = v
        end
    end
    return t
end

-- No TLS at all: Postfix defines none of the TLS macros.
h.NOTLS = {}

-- Postfix sends one-letter macros bare ("i"), the others in braces.
local function macro_name(k)
    return #k == 1 and k or "{" .. k .. "}"
end

-- A macro table as the flat name, value, name, value list mt.macro() takes.
local function flatten(t, list)
    list = list or {}
    local seen = {}
    for _, k in ipairs(h.ORDER) do
        if t[k] ~= nil then
            list[#list + 1] = macro_name(k)
            list[#list + 1] = t[k]
            seen[k] = true
        end
    end
    local rest = {}
    for k in pairs(t) do
        if not seen[k] then
            rest[#rest + 1] = k
        end
    end
    table.sort(rest)
    for _, k in ipairs(rest) do
        list[#list + 1] = macro_name(k)
        list[#list + 1] = t[k]
    end
    return list
end

local function describe(t)
    local parts = {}
    local list = flatten(t)
    for i = 1, #list, 2 do
        local v = list[i + 1]
        if #v > 40 then
            v = string.format("%s... (%d bytes)", v:sub(1, 20), #v)
        end
        v = v:gsub('[%c"\\\128-\255]', function(c)
            return string.format("\\x%02X", c:byte())
        end)
        parts[#parts + 1] = string.format('%s="%s"', list[i], v)
    end
    if #parts == 0 then
        return "no TLS macros"
    end
    return table.concat(parts, " ")
end

local function bare(addr)
    return (addr:gsub("^<", ""):gsub(">$", ""))
end

-- Start the milter under test; miltertest stops it with SIGTERM at the end
-- and fails the run if it then exits non-zero or dies of a signal.
function h.start()
    local bin = setting("FT_MILTER")
    local conf = setting("FT_CONF")
    h.socket = "unix:" .. setting("FT_SOCKET")
    h.note("starting %s -R -f -l stderr -c %s -p %s", bin, conf, h.socket)
    h.check(mt.startfilter(bin, "-R", "-f", "-l", "stderr", "-c", conf,
                           "-p", h.socket), "mt.startfilter")
    mt.set_timeout(10)
end

-- A new SMTP connection: connect to the milter (retrying while it starts)
-- and send the client's name and address. Returns the handle.
-- want: the reply to the connection, SMFIR_CONTINUE unless given.
function h.connect(ip, host, want)
    ip = ip or "127.0.0.1"
    host = host or "mx.contoso.example"
    local ok, conn = pcall(mt.connect, h.socket, 100, 0.05)
    if not ok or conn == nil then
        h.fail("cannot connect to the milter at %s (%s); did it start? "
               .. "its own messages, if any, are above", h.socket,
               tostring(conn))
    end
    h.check(mt.conninfo(conn, host, ip), "mt.conninfo")
    h.expect(conn, want or SMFIR_CONTINUE,
             "connect from " .. host .. "[" .. ip .. "]")
    return conn
end

-- HELO/EHLO, with optional HELO-stage macros sent just before it, as
-- Postfix does. A milter that negotiated SMFIP_NOHELO gets only the macros.
function h.helo(conn, name, macros)
    if macros ~= nil then
        h.note("HELO-stage macros: %s", describe(macros))
        h.check(mt.macro(conn, SMFIC_HELO, table.unpack(flatten(macros))),
                "mt.macro(SMFIC_HELO)")
    end
    if mt.test_option(conn, SMFIP_NOHELO) then
        h.note("milter negotiated SMFIP_NOHELO; HELO not sent")
        return
    end
    h.check(mt.helo(conn, name or "mx.contoso.example"), "mt.helo")
    h.expect(conn, SMFIR_CONTINUE, "HELO")
end

-- MAIL FROM with the MAIL-stage macros in one mt.macro() call (it replaces
-- the stage's earlier set, as each of Postfix's macro packets does).
-- {mail_addr} is always in Postfix's set, so it is always sent: that also
-- wipes the TLS macros of an earlier transaction when tls is h.NOTLS.
function h.mail(conn, sender, tls, want, what)
    local list = { "{mail_addr}", bare(sender) }
    flatten(tls or h.NOTLS, list)
    h.note("MAIL FROM:%s with %s", sender, describe(tls or h.NOTLS))
    h.check(mt.macro(conn, SMFIC_MAIL, table.unpack(list)),
            "mt.macro(SMFIC_MAIL)")
    h.check(mt.mailfrom(conn, sender), "mt.mailfrom")
    h.expect(conn, want, what or ("MAIL FROM:" .. sender))
end

-- RCPT TO, with {rcpt_addr} and any other RCPT-stage macros (Postfix sends
-- the queue id "i" here once a queue file exists).
function h.rcpt(conn, rcpt, want, what, macros)
    local list = { "{rcpt_addr}", bare(rcpt) }
    flatten(macros or {}, list)
    h.check(mt.macro(conn, SMFIC_RCPT, table.unpack(list)),
            "mt.macro(SMFIC_RCPT)")
    h.check(mt.rcptto(conn, rcpt), "mt.rcptto")
    h.expect(conn, want, what or ("RCPT TO:" .. rcpt))
end

-- RSET (or a transaction the MTA gave up on).
function h.rset(conn)
    h.note("RSET")
    h.check(mt.abort(conn), "mt.abort")
end

-- DATA, a small message and end of message: the milter must let it through.
function h.message(conn)
    if not mt.test_option(conn, SMFIP_NODATA) then
        h.check(mt.data(conn), "mt.data")
        h.expect(conn, SMFIR_CONTINUE, "DATA")
    end
    h.check(mt.eom(conn), "mt.eom")
    h.expect(conn, { SMFIR_CONTINUE, SMFIR_ACCEPT }, "end of message")
end

function h.disconnect(conn)
    h.check(mt.disconnect(conn), "mt.disconnect")
end

return h
