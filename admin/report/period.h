/* period.h - the day, ISO week or month a time falls in (local time), as
 * a number that sorts and a label people read. */
#ifndef FT_PERIOD_H
#define FT_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum period_by { PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH };

/* "day", "week", "month"; false for anything else. */
bool period_by_parse(const char *name, enum period_by *by);

struct period_cache {
    enum period_by by;
    bool valid;
    time_t lo, hi;              /* the last period's span [lo, hi) */
    long key;
};

/* The period holding t; consecutive times in one period cost no time
 * conversion. */
long period_of(struct period_cache *pc, time_t t);

/* "2026-11-23", "2026-W47" (ISO week), "2026-11". */
void period_label(enum period_by by, long key, char *buf, size_t len);

#endif
