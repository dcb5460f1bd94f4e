/* conf_bench.c - load a forcetls.conf, then decide MAIL FROM for partner
 * and stranger senders; prints load time, lookup time and peak memory.
 * Times are this process's CPU time: on a shared machine, wall time mostly
 * measures the neighbours (the load is one thread, with no waiting). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "decide.h"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    struct ft_err err;
    struct ft_conf *conf;
    struct ft_client client;
    struct ft_tls tls;
    struct rusage ru;
    int domains, rounds = 200000, found = 0;
    double t0, load, lookup;
    char sender[128];

    if (argc != 3) {
        fprintf(stderr, "usage: conf_bench FILE DOMAINS\n");
        return 64;
    }
    domains = atoi(argv[2]);
    t0 = now();
    if ((conf = conf_load(argv[1], &err)) == NULL) {
        fprintf(stderr, "%s:%d: %s\n", err.file, err.line, err.msg);
        return 78;
    }
    load = now() - t0;
    client_set(&client, "mx", "192.0.2.1");
    tlsfacts_clear(&tls);
    srand(1);
    t0 = now();
    for (int i = 0; i < rounds; i++) {
        struct ft_sender_set senders = { 0 };
        struct ft_decision d;

        /* Half partners (even index: inbound connectors), half strangers. */
        snprintf(sender, sizeof(sender), i % 2 ? "a@mx.stranger%d.example"
                                               : "a@partner%d.example",
                 rand() % domains);
        decide_sender(conf, sender, &senders);
        decide_mail(conf, &tls, &client, &senders, &d);
        found += d.n > 0;
        decision_free(&d);
        decide_sender_free(&senders);
    }
    lookup = now() - t0;
    getrusage(RUSAGE_SELF, &ru);
    printf("domains=%d load_s=%.4f lookup_ns=%.0f maxrss_kb=%ld matched=%d\n",
           domains, load, lookup / rounds * 1e9, ru.ru_maxrss, found);
    conf_unref(conf);
    return 0;
}
