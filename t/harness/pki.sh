# pki.sh - throw-away certificates for end-to-end tests, made with openssl at
# test time: EC P-256 keys, two days of validity.  Every certificate NAME is
# written as DIR/NAME.crt and DIR/NAME.key.  Source it; needs openssl >= 1.1.1.

# The names the suites rely on; other suites may issue more with pki_leaf.
PKI_CA_CN="forcetls Test CA"
PKI_UNTRUSTED_CA_CN="forcetls Untrusted CA"

# pki_openssl_conf DIR: the minimal openssl configuration the other functions
# use, so that no distribution default (such as a v3_ca section added to
# every -x509 certificate) slips in.
pki_openssl_conf()
{
    cat > "$1/openssl.cnf" <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
CNF
}

# pki_leaf_ext FILE CN [EXTRA]: the extensions of an end-entity certificate
# for CN, and EXTRA lines (such as crlDistributionPoints) when given.
pki_leaf_ext()
{
    cat > "$1" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:$2
${3:-}
EXT
}

# pki_ca DIR NAME CN: a self-signed certificate authority.
pki_ca()
{
    local dir=$1 name=$2 cn=$3
    openssl req -x509 -new -config "$dir/openssl.cnf" \
        -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -keyout "$dir/$name.key" -out "$dir/$name.crt" \
        -subj "/CN=$cn" -days 2 -extensions ca 2>>"$dir/openssl.log"
}

# pki_leaf DIR NAME CN CA [EXTRA]: an end-entity certificate for CN (also
# its DNS subjectAltName), usable by servers and clients, signed by DIR/CA,
# with EXTRA extension lines when given.
pki_leaf()
{
    local dir=$1 name=$2 cn=$3 ca=$4
    pki_leaf_ext "$dir/$name.ext" "$cn" "${5:-}" &&
        openssl req -new -config "$dir/openssl.cnf" \
            -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
            -keyout "$dir/$name.key" -subj "/CN=$cn" -out "$dir/$name.csr" \
            2>>"$dir/openssl.log" &&
        openssl x509 -req -in "$dir/$name.csr" -CA "$dir/$ca.crt" \
            -CAkey "$dir/$ca.key" -set_serial "0x$(openssl rand -hex 8)" \
            -days 2 -extfile "$dir/$name.ext" -out "$dir/$name.crt" \
            2>>"$dir/openssl.log" &&
        rm -f "$dir/$name.ext" "$dir/$name.csr"
}

# pki_make DIR: the standard set, all but the last two signed by "ca":
#   ca            forcetls Test CA, the one Postfix trusts
#   server        mx.test.example, the private Postfix's own certificate
#   contoso       mail.contoso.example, a partner with the right name
#   evil          mail.evil.example, trusted but the wrong name
#   untrusted-ca  forcetls Untrusted CA, unknown to Postfix
#   rogue-contoso mail.contoso.example, signed by untrusted-ca
pki_make()
{
    local dir=$1
    mkdir -p "$dir" &&
        pki_openssl_conf "$dir" &&
        pki_ca "$dir" ca "$PKI_CA_CN" &&
        pki_leaf "$dir" server mx.test.example ca &&
        pki_leaf "$dir" contoso mail.contoso.example ca &&
        pki_leaf "$dir" evil mail.evil.example ca &&
        pki_ca "$dir" untrusted-ca "$PKI_UNTRUSTED_CA_CN" &&
        pki_leaf "$dir" rogue-contoso mail.contoso.example untrusted-ca &&
        # Postfix daemons read the keys as root before dropping privileges,
        # but keep them private anyway, as a real key would be.
        chmod 600 "$dir"/*.key
}

# Revocation: a CA's database (DIR/CA.index, the format of openssl ca and
# openssl ocsp -index), from which its CRL is made.

# pki_ca_db DIR CA: an empty database for DIR/CA.
pki_ca_db()
{
    local dir=$1 ca=$2
    : > "$dir/$ca.index" && echo 01 > "$dir/$ca.crlnum" &&
        cat > "$dir/$ca.db.cnf" <<CNF
[ca]
default_ca = db
[db]
database = $dir/$ca.index
crlnumber = $dir/$ca.crlnum
certificate = $dir/$ca.crt
private_key = $dir/$ca.key
default_md = sha256
default_crl_days = 1
unique_subject = no
CNF
}

# pki_ca_valid DIR CA NAME / pki_ca_revoke DIR CA NAME: record DIR/NAME.crt
# in DIR/CA's database as valid, or as revoked for key compromise.
pki_ca_valid()
{
    openssl ca -config "$1/$2.db.cnf" -valid "$1/$3.crt" 2>>"$1/openssl.log"
}
pki_ca_revoke()
{
    openssl ca -config "$1/$2.db.cnf" -revoke "$1/$3.crt" \
        -crl_reason keyCompromise 2>>"$1/openssl.log"
}

# pki_ca_crl DIR CA OUT [expired]: DIR/CA's CRL, DER, in OUT; "expired"
# dates it in the past, its nextUpdate long gone.
pki_ca_crl()
{
    local dir=$1 ca=$2 out=$3 dates=()
    [ "${4:-}" = expired ] &&
        dates=(-crl_lastupdate 20200101000000Z -crl_nextupdate 20200102000000Z)
    openssl ca -config "$dir/$ca.db.cnf" -gencrl "${dates[@]}" \
            -out "$out.pem" 2>>"$dir/openssl.log" &&
        openssl crl -in "$out.pem" -outform DER -out "$out" \
            2>>"$dir/openssl.log"
}
