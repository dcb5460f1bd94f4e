/* loadstat.h - latency samples of a load generator: a bounded array,
 * medians and 99th percentiles, one output line. */
#ifndef FT_BENCH_LOADSTAT_H
#define FT_BENCH_LOADSTAT_H

#include <stddef.h>
#include <stdint.h>

struct loadstat {
    uint64_t *ns;               /* one per answered request, up to cap */
    size_t n, cap;
    uint64_t count;             /* answered requests, sampled or not */
};

uint64_t loadstat_now_ns(void);
void loadstat_init(struct loadstat *st);
void loadstat_add(struct loadstat *st, uint64_t ns);
void loadstat_merge(struct loadstat *into, struct loadstat *from);
/* "per_s p50_us p99_us max_us count" without a newline. */
void loadstat_print(struct loadstat *st, double seconds);

#endif
