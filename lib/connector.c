/* connector.c - names of a connector's closed sets, and its memory. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "connector.h"

static const char *const direction_names[] = { "inbound", "outbound" };
static const char *const mode_names[] = { "enforce", "monitor" };
static const char *const action_names[] = { "reject", "defer" };
static const char *const level_names[] = {
    "encrypt", "verify", "secure", "fingerprint", "dane", "dane-only",
};

#define NAMES(a) (sizeof(a) / sizeof((a)[0]))

static bool name_parse(const char *s, const char *const *names, size_t n,
                       int *out)
{
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(s, names[i]) == 0) {
            *out = (int)i;
            return true;
        }
    }
    return false;
}

const char *direction_name(enum ft_direction d) { return direction_names[d]; }
const char *mode_name(enum ft_mode m) { return mode_names[m]; }
const char *level_name(enum ft_tls_level l) { return level_names[l]; }

bool direction_parse(const char *s, enum ft_direction *out)
{
    int v;

    if (!name_parse(s, direction_names, NAMES(direction_names), &v))
        return false;
    *out = (enum ft_direction)v;
    return true;
}

bool mode_parse(const char *s, enum ft_mode *out)
{
    int v;

    if (!name_parse(s, mode_names, NAMES(mode_names), &v))
        return false;
    *out = (enum ft_mode)v;
    return true;
}

bool action_parse(const char *s, enum ft_action *out)
{
    int v;

    if (!name_parse(s, action_names, NAMES(action_names), &v))
        return false;
    *out = (enum ft_action)v;
    return true;
}

bool level_parse(const char *s, enum ft_tls_level *out)
{
    int v;

    if (!name_parse(s, level_names, NAMES(level_names), &v))
        return false;
    *out = (enum ft_tls_level)v;
    return true;
}

void connector_free(struct ft_connector *c)
{
    free(c->name);
    strv_free(&c->sender_domains);
    strv_free(&c->recipient_domains);
    free(c->networks);
    strv_free(&c->cert_names);
    strv_free(&c->cert_issuers);
    strv_free(&c->pins);
    strv_free(&c->cert_files);
    free(c->reply_text);
    strv_free(&c->ta_files);
}
