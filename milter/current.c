/* current.c - the published configuration: a pointer and its lock, taken
 * only long enough to copy a reference. */
#include <pthread.h>

#include "current.h"
#include "startup.h"

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
    struct ft_conf *conf = startup_reload(path);

    if (conf == NULL)
        return -1;
    current_set(conf);
    return 0;
}

void current_clear(void)
{
    current_set(NULL);
}
