/* conf.h - the loaded forcetls.conf: every connector, indexed for lookups,
 * shared by reference between threads while a newer one replaces it. */
#ifndef FT_CONF_H
#define FT_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "connector.h"
#include "domainmap.h"
#include "err.h"

/* Where the programs look without -c; SYSCONFDIR comes from configure. */
#define CONF_DEFAULT_PATH SYSCONFDIR "/forcetls/forcetls.conf"

struct ft_conf {
    char *path;
    char *syslog_facility;
    bool log_passes;
    int expiry_warning_days;    /* forcetls probe --all warns this early */
    /* networks whose connections no connector judges (trusted.c) */
    struct ft_cidr *trusted;
    size_t ntrusted;
    struct {
        char *socket;
        char *socket_mode;
        char *socket_group;
    } milter;
    struct {
        struct ft_strv policy_listen;
        struct ft_strv tlsmap_listen;
        char *tlsmap_name;
        char *socket_mode;
        char *socket_group;
        char *fingerprint_digest;
        int idle_timeout;
    } policyd;
    struct ft_connector *connectors;
    size_t nconnectors;
    /* inbound: sender patterns of every connector that has them */
    struct ft_domainmap *in_sender;
    /* inbound: recipient patterns of every connector that has them */
    struct ft_domainmap *in_recipient;
    /* outbound: recipient patterns */
    struct ft_domainmap *out_recipient;
    unsigned long generation;   /* differs between any two loads */
    int refs;
};

/* Load and validate path; on error NULL and err names file and line. */
struct ft_conf *conf_load(const char *path, struct ft_err *err);

/* Take and drop a reference; the last conf_unref() frees. Thread-safe. */
struct ft_conf *conf_ref(struct ft_conf *conf);
void conf_unref(struct ft_conf *conf);

#endif
