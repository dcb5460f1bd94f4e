/* connector.h - one partner relationship and its TLS requirements. */
#ifndef FT_CONNECTOR_H
#define FT_CONNECTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "ipaddr.h"
#include "strv.h"
#include "tlsver.h"

enum ft_direction { FT_DIR_INBOUND, FT_DIR_OUTBOUND };
enum ft_mode { FT_MODE_ENFORCE, FT_MODE_MONITOR };
enum ft_action { FT_ACTION_REJECT, FT_ACTION_DEFER };
enum ft_tls_level {
    FT_LEVEL_ENCRYPT,
    FT_LEVEL_VERIFY,
    FT_LEVEL_SECURE,
    FT_LEVEL_FINGERPRINT,
    FT_LEVEL_DANE,
    FT_LEVEL_DANE_ONLY,
};

struct ft_connector {
    char *name;
    int line;                          /* where its section starts */
    unsigned index;                    /* position in the file */
    enum ft_direction direction;
    enum ft_mode mode;
    enum ft_action action;
    struct ft_strv sender_domains;     /* as written, normalized */
    struct ft_strv recipient_domains;
    struct ft_cidr *networks;
    size_t nnetworks;
    enum ft_tls_version min_version;
    int min_bits;                      /* 0: no requirement */
    bool require_fs;
    bool require_cert;                 /* explicit, or implied by names */
    struct ft_strv cert_names;
    struct ft_strv cert_issuers;
    struct ft_strv pins;               /* normalized fingerprints */
    struct ft_strv cert_files;
    char *reply_text;                  /* NULL: the default text */
    enum ft_tls_level level;           /* outbound */
    struct ft_strv ta_files;           /* outbound */
    int min_key_bits;                  /* outbound; 0: no requirement */
};

const char *direction_name(enum ft_direction d);
const char *mode_name(enum ft_mode m);
const char *level_name(enum ft_tls_level l);

bool direction_parse(const char *s, enum ft_direction *out);
bool mode_parse(const char *s, enum ft_mode *out);
bool action_parse(const char *s, enum ft_action *out);
bool level_parse(const char *s, enum ft_tls_level *out);

void connector_free(struct ft_connector *c);

#endif
