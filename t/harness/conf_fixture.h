/* conf_fixture.h - a forcetls.conf written to a scratch file for a test
 * and loaded; a file that does not load fails the test loudly. */
#ifndef FT_TEST_CONF_FIXTURE_H
#define FT_TEST_CONF_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "conf.h"

/* Load text as a configuration; exits 1 (a failed test) when it does not
 * load, since every case after would test nothing. */
static struct ft_conf *fixture_conf(const char *text)
{
    char path[] = "/tmp/forcetls-test-XXXXXX";
    int fd = mkstemp(path);
    struct ft_conf *conf;
    struct ft_err err;
    char msg[1200];
    FILE *fp;

    if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
        printf("Bail out! cannot write a scratch configuration\n");
        exit(1);
    }
    fputs(text, fp);
    fclose(fp);
    conf = conf_load(path, &err);
    unlink(path);
    if (conf == NULL) {
        printf("Bail out! fixture configuration: %s\n",
               err_text(&err, msg, sizeof(msg)));
        exit(1);
    }
    return conf;
}

#endif
