/* current.c - the published configuration: a pointer and its lock, taken
 * only long enough to copy a reference. */
#include <pthread.h>

#include "current.h"
#include "log.h"

static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ft_conf *current;

void current_set(struct ft_conf *conf)
{
    struct ft_conf *old;

    pthread_mutex_lock(&current_lock);
    old = current;
    current = conf;
    pthread_mutex_unlock(&current_lock);
    conf_unref(old);
}

struct ft_conf *current_get(void)
{
    struct ft_conf *conf = NULL;

    pthread_mutex_lock(&current_lock);
    if (current != NULL)
        conf = conf_ref(current);
    pthread_mutex_unlock(&current_lock);
    return conf;
}

int current_reload(const char *path)
{
    struct ft_err err;
    struct ft_conf *conf;
    char text[1200];

    if ((conf = conf_load(path, &err)) == NULL) {
        log_error("reload failed, keeping the previous configuration: %s",
                  err_text(&err, text, sizeof(text)));
        return -1;
    }
    log_set_facility(conf->syslog_facility);
    current_set(conf);
    log_info("configuration reloaded from %s: %zu connectors", path,
             conf->nconnectors);
    return 0;
}

void current_clear(void)
{
    current_set(NULL);
}
