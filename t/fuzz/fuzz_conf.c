/* fuzz_conf.c - forcetls.conf on arbitrary text: it loads or is refused
 * with a message, and never crashes (an untitled connector once did, on
 * every reload). */
#include <unistd.h>

#include "conf.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    struct ft_conf *conf;
    struct ft_err err;
    FILE *fp;

    log_set_sink(fuzz_no_log);
    if (path[0] == '\0')
        snprintf(path, sizeof(path), "/tmp/forcetls-fuzz-conf.%ld",
                 (long)getpid());
    if ((fp = fopen(path, "w")) == NULL)
        abort();
    fwrite(data, 1, size, fp);
    fclose(fp);
    if ((conf = conf_load(path, &err)) != NULL)
        conf_unref(conf);
    else
        FUZZ_CHECK(err.msg[0] != '\0');
    unlink(path);
    return 0;
}
